package se.stockholm.brottsofferstod.deadletters;

import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.audit.AuditLog;
import se.stockholm.brottsofferstod.intake.RejectedRequestException;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.security.Actor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the coordinator does with a dead letter: replay it through the same intake again (a duplicate stays a
 * duplicate: the intake's receipt key decides), or discard it. Both are audited, by dead letter id, never content.
 */
@Service
public class DeadLetterDesk {

    static final String REPLAY_ENDPOINT = "direct:dead-letter-replay";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDesk.class);

    private final DeadLetterStore store;
    private final ProducerTemplate intake;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    DeadLetterDesk(DeadLetterStore store, ProducerTemplate intake, AuditLog audit) {
        this.store = store;
        this.intake = intake;
        this.audit = audit;
    }

    /** How a replay went; {@code detail} says why when it was not taken (never the content). */
    public record ReplayOutcome(long deadLetterId, String outcome, String caseReference, String detail) {
        public boolean taken() {
            return "ACCEPTED".equals(outcome) || "DUPLICATE".equals(outcome) || "NO_CONSENT".equals(outcome);
        }
    }

    /** Empty when there is no such dead letter. */
    public Optional<ReplayOutcome> replay(long id, Actor actor) {
        Optional<DeadLetter> found = store.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter deadLetter = found.get();
        ReplayOutcome outcome = replay(deadLetter);
        store.recordReplay(id, actor.username(), outcome.outcome(), outcome.caseReference());
        audit.record(actor, "DEAD_LETTER_REPLAY #" + id, outcome.caseReference(), outcome.outcome());
        try (MDC.MDCCloseable ignored = outcome.caseReference() != null ? MDC.putCloseable("caseReference", outcome.caseReference()) : null) {
            log.info("Dead letter {} ({} via {}) replayed by {}: {}{}", id, deadLetter.source(), deadLetter.channel(),
                    actor.username(), outcome.outcome(), outcome.caseReference() != null ? " " + outcome.caseReference() : "");
        }
        return Optional.of(outcome);
    }

    private ReplayOutcome replay(DeadLetter deadLetter) {
        long id = deadLetter.id();
        if (!Source.POLICE.name().equals(deadLetter.source())) {
            return new ReplayOutcome(id, "NOT_REPLAYABLE", null, "only police referrals can be replayed: an SMS or mail"
                    + " was answered when it came (the person writes again), a partner system sends its event again");
        }
        Optional<String> original = store.original(id);
        if (original.isEmpty()) {
            return new ReplayOutcome(id, "NO_ORIGINAL", null, deadLetter.originalErasedAt() != null
                    ? "the original was erased after the keep period; only the reason is left"
                    : "no original was kept (empty or too large); ask the sender to send it again");
        }
        try {
            JsonNode result = json.valueToTree(intake.requestBody(REPLAY_ENDPOINT, original.get()));
            return new ReplayOutcome(id, result.path("status").asString(), result.path("caseReference").asString(null), null);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RejectedRequestException rejected) {
                return new ReplayOutcome(id, "REFUSED", null,
                        rejected.rejections().stream().map(Rejection::describe).collect(Collectors.joining("; ")));
            }
            log.error("Replay of dead letter {} failed: {}", id, e.getCause() != null ? e.getCause().getClass().getSimpleName()
                    : e.getClass().getSimpleName());
            return new ReplayOutcome(id, "FAILED", null, "the intake failed on our side; try again once it is healthy");
        }
    }

    /** Whether there was such a dead letter. */
    public boolean discard(long id, Actor actor) {
        boolean discarded = store.discard(id);
        if (discarded) {
            audit.record(actor, "DEAD_LETTER_DISCARD #" + id, null, "DISCARDED");
            log.info("Dead letter {} discarded by {}", id, actor.username());
        }
        return discarded;
    }
}
