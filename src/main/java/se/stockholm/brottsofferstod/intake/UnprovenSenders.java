package se.stockholm.brottsofferstod.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The only trace a refused, unproven sender leaves: a count per channel ({@code intake.requests.unproven}). */
@Component
public class UnprovenSenders {

    static final String METER = "intake.requests.unproven";

    private final MeterRegistry registry;

    UnprovenSenders(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    void increment(String channel) {
        registry.counter(METER, "channel", channel).increment();
    }

    /** How many were refused on the channel since start. */
    public double count(String channel) {
        return registry.counter(METER, "channel", channel).count();
    }
}
