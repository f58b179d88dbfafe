package se.stockholm.brottsofferstod.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges of one name whose tag sets come from the database: each tag set is registered once and then only its value
 * changes (one that is no longer counted reads 0). Removing and registering meters again on every count, as
 * MultiGauge's overwrite does, let a concurrent scrape see one tag set twice.
 */
final class GaugeFamily {

    private final String name;
    private final String description;
    private final String baseUnit;
    private final MeterRegistry meters;
    private final Map<Tags, AtomicLong> values = new ConcurrentHashMap<>();

    GaugeFamily(String name, String description, String baseUnit, MeterRegistry meters) {
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
        this.meters = meters;
    }

    void update(Map<Tags, Long> counted) {
        values.forEach((tags, value) -> {
            if (!counted.containsKey(tags)) {
                value.set(0);
            }
        });
        counted.forEach((tags, count) -> values.computeIfAbsent(tags, this::register).set(count));
    }

    private AtomicLong register(Tags tags) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).baseUnit(baseUnit).tags(tags).register(meters);
        return value;
    }
}
