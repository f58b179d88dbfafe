package se.stockholm.brottsofferstod.cases;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.CountedDaysChanged;

/**
 * Tells the statistics which days a write changed, for every insert or update of a case, an attempt or an action
 * through JPA, so no write path can forget it. Hibernate runs it during the flush, inside the writing transaction.
 * (Cases opened by the intake are inserted in JDBC batches; {@link CaseIntake} publishes for those itself.)
 */
@Component
class CountedWrites {

    private final ApplicationEventPublisher events;

    CountedWrites(ApplicationEventPublisher events) {
        this.events = events;
    }

    @PostPersist
    @PostUpdate
    void written(Object entity) {
        if (entity instanceof SupportCase c) {
            events.publishEvent(CountedDaysChanged.of(c.getReceivedAt()));
        } else if (entity instanceof ContactAttempt attempt) {
            events.publishEvent(CountedDaysChanged.of(attempt.getAttemptedAt()));
        } else if (entity instanceof Action action) {
            events.publishEvent(CountedDaysChanged.of(action.getPerformedAt()));
        }
    }
}
