package se.stockholm.brottsofferstod.cases;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.intake.RejectedRequestException;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Actors;
import se.stockholm.brottsofferstod.security.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case events from partner systems (queue {@code case-events}): the staff API's bodies plus
 * {@code caseReference} and {@code type}, applied through {@link CaseWork} with the sending system's
 * rights. Whatever cannot be applied goes to the dead-letter channel with its reason.
 */
@Service
public class CaseEvents {

    static final String SOURCE = "PARTNER_SYSTEM";
    static final String CHANNEL = "JMS";
    private static final Logger log = LoggerFactory.getLogger(CaseEvents.class);

    enum Type { CONTACT_ATTEMPT, ACTION, LINK, CLOSE }

    private final CaseWork work;
    private final Actors actors;
    private final JsonMapper json;

    CaseEvents(CaseWork work, Actors actors, JsonMapper json) {
        this.work = work;
        this.actors = actors;
        this.json = json;
    }

    /**
     * @param body          the event
     * @param validatedUser the broker user that sent it, as the broker vouches for it
     */
    public void apply(String body, String validatedUser) {
        Optional<Actor> sender = Optional.ofNullable(validatedUser).flatMap(actors::byName)
                .filter(a -> a.role() == Role.PARTNER_SYSTEM);
        if (sender.isEmpty()) {
            throw reject(body, null, null, "the sender is not a partner system of the users file");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            throw reject(body, null, null, "is not well-formed JSON");
        }
        String reference = text(event, "caseReference");
        if (reference == null) {
            throw reject(body, null, "caseReference", "is required");
        }
        Type type = type(body, event, reference);
        try {
            switch (type) {
                case CONTACT_ATTEMPT -> work.recordAttempt(sender.get(), reference, json.treeToValue(event, CaseRequests.Attempt.class));
                case ACTION -> work.recordAction(sender.get(), reference, json.treeToValue(event, CaseRequests.ActionTaken.class));
                case LINK -> work.link(sender.get(), reference, json.treeToValue(event, CaseRequests.LinkTo.class));
                case CLOSE -> work.close(sender.get(), reference, json.treeToValue(event, CaseRequests.Close.class));
            }
        } catch (InvalidCaseRequestException e) {
            throw reject(body, reference, e.field(), e.getMessage().substring(e.field().length() + 2));
        } catch (CaseRuleException | CaseNotFoundException e) {
            throw reject(body, reference, null, e.getMessage());
        } catch (JacksonException e) {
            throw reject(body, reference, null, "a field has the wrong form");
        }
        log.info("Case event {} applied to case {} from {}", type, reference, sender.get().username());
    }

    private Type type(String body, JsonNode event, String reference) {
        String type = text(event, "type");
        if (type == null) {
            throw reject(body, reference, "type", "is required");
        }
        try {
            return Type.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw reject(body, reference, "type", "must be one of CONTACT_ATTEMPT, ACTION, LINK, CLOSE");
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static RejectedRequestException reject(String body, String reference, String field, String reason) {
        return new RejectedRequestException(400, "Invalid case event",
                List.of(new Rejection(SOURCE, CHANNEL, reference, null, field, reason, body)));
    }
}
