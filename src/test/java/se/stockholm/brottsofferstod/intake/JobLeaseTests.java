package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import se.stockholm.brottsofferstod.support.TestClock;
import se.stockholm.brottsofferstod.support.TestDatabase;

/**
 * Job leases as several instances race for them on one database (H2, and PostgreSQL in the second pass): a free or
 * run-out lease goes to exactly one of the instances whose timers fire at the same moment.
 */
@Tag(TestDatabase.TAG)
class JobLeaseTests {

    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final TestClock clock = new TestClock();
    private DataSource db;

    @BeforeEach
    void migrate() {
        db = TestDatabase.newDatabase("leases");
        Flyway.configure().dataSource(db).load().migrate();
    }

    private List<JobLease> instances(int count) {
        List<JobLease> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(new JobLease(new JdbcTemplate(db), new DataSourceTransactionManager(db), clock,
                    new InstanceId("instance-" + i), MARGIN));
        }
        return instances;
    }

    @Test
    void aFreeLeaseAndARunOutOneGoEachToOneOfTheInstancesThatTakeItAtOnce() throws Exception {
        List<JobLease> instances = instances(4);
        for (int job = 0; job < 20; job++) {
            assertThat(takers(instances, "job-" + job)).as("job-" + job + " never taken").isEqualTo(1);
        }
        clock.advance(Duration.ofMillis(60_000).plus(MARGIN).plusSeconds(1));
        for (int job = 0; job < 20; job++) {
            assertThat(takers(instances, "job-" + job)).as("job-" + job + " run out").isEqualTo(1);
        }
    }

    /** How many of the instances got the lease, all trying at once. */
    private static int takers(List<JobLease> instances, String job) throws Exception {
        List<Callable<Boolean>> tries = new ArrayList<>();
        for (JobLease instance : instances) {
            tries.add(() -> instance.take(job, 60_000));
        }
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            int taken = 0;
            for (Future<Boolean> attempt : threads.invokeAll(tries)) {
                taken += attempt.get() ? 1 : 0;
            }
            return taken;
        } finally {
            threads.shutdown();
        }
    }
}
