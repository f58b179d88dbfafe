package se.stockholm.brottsofferstod;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Brottsofferstöd intake: takes in support requests, routes them to the partners' queues, and counts them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {

    /** Every class that reads the time reads it from this clock, so a test can set the time instead of rewriting rows. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
