package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressTests {

    private long now;
    private final List<String> lines = new ArrayList<>();

    private Progress progress(long total) {
        return new Progress("Retention", "cases", total, () -> now, lines::add);
    }

    @Test
    void aLongJobSaysHowFarItIsAndAboutHowLongIsLeftAtMostEveryTenSeconds() {
        Progress progress = progress(100);
        for (int i = 0; i < 25; i++) {
            now += 400_000_000L;
            progress.step();
        }
        assertThat(lines).containsExactly("Retention: 25 of 100 cases (25 %), about 30 s left");

        for (int i = 0; i < 75; i++) {
            now += 400_000_000L;
            progress.step();
        }
        progress.finish();
        assertThat(lines).containsExactly("Retention: 25 of 100 cases (25 %), about 30 s left",
                "Retention: 50 of 100 cases (50 %), about 20 s left", "Retention: 75 of 100 cases (75 %), about 10 s left",
                "Retention: 100 of 100 cases done in 40 s");
    }

    @Test
    void aShortJobSaysNothing() {
        Progress progress = progress(3);
        for (int i = 0; i < 3; i++) {
            now += 1_000_000L;
            progress.step();
        }
        progress.finish();
        assertThat(lines).isEmpty();
    }
}
