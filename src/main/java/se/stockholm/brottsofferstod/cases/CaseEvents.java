package se.stockholm.brottsofferstod.cases;

import java.util.List;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.intake.Redeliveries;
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
    /** Set by the broker from the sender's login (populate-validated-user); a client cannot forge it. */
    private static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    private static final Logger log = LoggerFactory.getLogger(CaseEvents.class);

    enum Type { CONTACT_ATTEMPT, ACTION, LINK, CLOSE }

    private static final Set<String> ACTION_TYPES = Arrays.stream(Action.Type.values())
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final CaseWork work;
    private final Actors actors;
    private final JsonMapper json;

    CaseEvents(CaseWork work, Actors actors, JsonMapper json) {
        this.work = work;
        this.actors = actors;
        this.json = json;
    }

    /**
     * Applies an event as the broker delivered it: the text and the user the broker validated when it was
     * sent (never a property the sender could set itself).
     */
    public void apply(Message message) throws JMSException {
        String body;
        try {
            body = message instanceof TextMessage text ? text.getText() : message.getBody(String.class);
        } catch (MessageFormatException notText) {
            // a map, object or stream message: the sender's error, refused at once (it never becomes readable)
            throw reject(null, null, null, "is not a text message (" + message.getClass().getSimpleName() + ")");
        }
        String user = message.getStringProperty(VALIDATED_USER);
        apply(body, user);
    }

    /**
     * The dead letter of an event that failed on our side however often the route tried it (redelivery):
     * named by its case reference when that can be read, with the original.
     */
    public List<Rejection> exhausted(@Body Message message, @ExchangeException Exception cause,
                                     @Header(Redeliveries.HEADER) Integer redeliveries) {
        String body = null;
        String reference = null;
        try {
            body = message instanceof TextMessage text ? text.getText() : message.getBody(String.class);
            reference = text(json.readTree(body), "caseReference");
        } catch (JMSException | RuntimeException unreadable) {
            // named by nothing but the queue
        }
        return List.of(new Rejection(SOURCE, CHANNEL, reference, null, null, Redeliveries.reason(cause, redeliveries), body));
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
                case ACTION -> work.recordAction(sender.get(), reference, new CaseRequests.ActionTaken(
                        event.hasNonNull("at") ? json.treeToValue(event.get("at"), OffsetDateTime.class) : null, actionType(event)));
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

    /**
     * The event's type. An action's own body has a {@code type} too (the kind of action), so an action event
     * is either {@code "type": "ACTION"} with {@code "actionType"}, or simply the action's type itself.
     */
    private Type type(String body, JsonNode event, String reference) {
        String type = text(event, "type");
        if (type == null) {
            throw reject(body, reference, "type", "is required");
        }
        if (ACTION_TYPES.contains(type)) {
            return Type.ACTION;
        }
        try {
            return Type.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw reject(body, reference, "type", "must be one of CONTACT_ATTEMPT, ACTION, LINK, CLOSE or an action type");
        }
    }

    private static String actionType(JsonNode event) {
        String type = text(event, "type");
        return ACTION_TYPES.contains(type) ? type : text(event, "actionType");
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
