package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The packaged service (target/intake.jar, built by the package phase before this runs) is killed with SIGKILL
 * at five random moments while a police batch comes in through the file inbox and the JMS queue, and started
 * again on the same data each time: every referral ends as exactly one case and one message on its queue.
 */
class KillNineIT {

    private static final int REFERRALS = 400;
    private static final int KILLS = 5;

    @Test
    void everyReferralIsOneCaseAndOneQueuedMessageAfterFiveKills() throws Exception {
        Path jar = Path.of(System.getProperty("intake.jar", "target/intake.jar"));
        assertThat(jar).as("the packaged service").exists();
        long seed = Long.getLong("crash.seed", System.nanoTime());
        // kept after the run (the service's log is there), under target/ so the next clean build removes it
        Path folder = Files.createDirectories(Path.of("target", "kill-nine", Long.toString(seed)).toAbsolutePath());
        System.out.println("seed " + seed + ", folder " + folder);

        CrashProof.Outcome outcome = new CrashProof(jar, folder, REFERRALS, KILLS, seed, System.out).run();
        System.out.println(outcome.line());

        assertThat(outcome.line()).as("seed %d, service log %s", seed, folder.resolve("service.log")).isEqualTo("lost=0 duplicated=0");
        assertThat(outcome.cases()).isEqualTo(REFERRALS);
        assertThat(outcome.queued()).isEqualTo(REFERRALS);
    }
}
