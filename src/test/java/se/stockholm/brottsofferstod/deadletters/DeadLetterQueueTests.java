package se.stockholm.brottsofferstod.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeadLetterQueueTests {

    @Test
    void idsThatFollowEachOtherAreSweptAsOneRun() {
        assertThat(DeadLetterQueue.runs(List.of(7L, 3L, 4L, 5L, 9L, 8L, 12L)))
                .containsExactly(new long[] {3, 5}, new long[] {7, 9}, new long[] {12, 12});
        assertThat(DeadLetterQueue.runs(List.of())).isEmpty();
    }
}
