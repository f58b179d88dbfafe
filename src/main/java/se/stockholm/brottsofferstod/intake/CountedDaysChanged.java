package se.stockholm.brottsofferstod.intake;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Something the statistics count was written at these instants (a case received, an attempt, an action) or about a
 * case received then (a link, an assignment, a closing). Published inside the writing transaction, so whoever keeps
 * counts of those days can mark them in the same transaction.
 */
public record CountedDaysChanged(List<Instant> instants) {

    public CountedDaysChanged(Collection<Instant> instants) {
        this(List.copyOf(instants.stream().filter(java.util.Objects::nonNull).toList()));
    }

    public static CountedDaysChanged of(Instant... instants) {
        return new CountedDaysChanged(java.util.Arrays.asList(instants));
    }
}
