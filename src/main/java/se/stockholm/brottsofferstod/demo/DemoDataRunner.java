package se.stockholm.brottsofferstod.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --intake.demo-data=true}: loads the seeds' two agreement years, and two invented calendar years of Norrtälje's
 * own agreement, at start-up (see README).
 */
@Component
@ConditionalOnBooleanProperty("intake.demo-data")
class DemoDataRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final DemoData demoData;

    DemoDataRunner(DemoData demoData) {
        this.demoData = demoData;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int opened = demoData.loadSeedYears() + demoData.loadNorrtaljeYears();
        log.info("Demo data: {} cases loaded in {} s", opened, (System.nanoTime() - started) / 1_000_000_000);
    }
}
