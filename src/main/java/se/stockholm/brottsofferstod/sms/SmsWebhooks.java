package se.stockholm.brottsofferstod.sms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.RejectedRequestException;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.TextFields;
import se.stockholm.brottsofferstod.intake.UnprovenSenderException;
import se.stockholm.brottsofferstod.sms.SmsChatbot.InboundSms;

/**
 * The gateway adapters: they only translate 46elks' and Twilio's webhook forms into one {@link InboundSms} and
 * the chatbot's reply into the gateway's answer (plain text for 46elks, TwiML for Twilio). What cannot be
 * taken is refused naming the field; the refusal is recorded and the original dead-lettered by the route.
 */
@Component("smsWebhooks")
class SmsWebhooks {

    static final String ELKS = "46ELKS";
    static final String TWILIO = "TWILIO";
    static final String TWILIO_PATH = "/webhooks/sms/twilio";
    /** Longer than any SMS a phone sends (concatenated SMS stop near 1 600 characters); more is not a message. */
    static final int MAX_MESSAGE_CHARACTERS = 10_000;
    private static final int MAX_ID_LENGTH = 100;

    private final SmsChatbot chatbot;
    private final Clock clock;
    private final String twilioAuthToken;
    private final String twilioUrl;

    SmsWebhooks(SmsChatbot chatbot, @Value("${intake.sms.twilio.auth-token}") String twilioAuthToken,
                @Value("${intake.sms.twilio.public-url}") String twilioPublicUrl, Clock clock) {
        this.clock = clock;
        this.chatbot = chatbot;
        this.twilioAuthToken = twilioAuthToken;
        this.twilioUrl = webhookUrl(twilioPublicUrl);
    }

    /** The full URL Twilio calls: the configured public URL, with the webhook's path unless it already ends so. */
    static String webhookUrl(String publicUrl) {
        String base = publicUrl == null ? "" : publicUrl.strip();
        return base.endsWith(TWILIO_PATH) ? base : base.replaceAll("/+$", "") + TWILIO_PATH;
    }

    /** 46elks' form ({@code id}, {@code from}, {@code to}, {@code message}, ...): the reply as plain text. */
    public String fromElks(@Body byte[] body, @Header("Content-Type") String contentType) {
        byte[] raw = body == null ? new byte[0] : body;
        return chatbot.answer(inbound(ELKS, FormBody.parse(raw, contentType), "id", "from", "message", raw));
    }

    /** Twilio's form ({@code MessageSid}, {@code From}, {@code Body}, ...), signed: the reply as TwiML. */
    public String fromTwilio(@Body byte[] body, @Header("Content-Type") String contentType,
                             @Header("X-Twilio-Signature") String signature, @Header("CamelHttpQuery") String query) {
        byte[] raw = body == null ? new byte[0] : body;
        FormBody form = FormBody.parse(raw, contentType);
        String url = query == null || query.isEmpty() ? twilioUrl : twilioUrl + "?" + query;
        if (!TwilioSignature.verifies(twilioAuthToken, url, form.all(), signature)) {
            throw new UnprovenSenderException(TWILIO, "X-Twilio-Signature",
                    signature == null ? "is missing" : "does not match the request (URL, parameters and auth token)");
        }
        String messageId = form.first("MessageSid") != null ? "MessageSid" : "SmsSid";
        return twiml(chatbot.answer(inbound(TWILIO, form, messageId, "From", "Body", raw)));
    }

    private InboundSms inbound(String gateway, FormBody form, String idField, String fromField, String textField,
                                      byte[] raw) {
        String id = form.first(idField);
        String from = form.first(fromField);
        String text = form.first(textField);
        List<Rejection> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add(rejection(gateway, null, idField, "is required (the gateway's message id)", raw));
        } else if (id.length() > MAX_ID_LENGTH) {
            problems.add(rejection(gateway, null, idField, "must be at most " + MAX_ID_LENGTH + " characters", raw));
        }
        String externalId = problems.isEmpty() ? id : null;
        if (from == null || from.isBlank()) {
            problems.add(rejection(gateway, externalId, fromField, "is required (the sender's phone number)", raw));
        } else if (!Keys.isPhoneNumber(from) || from.length() > 32) {
            problems.add(rejection(gateway, externalId, fromField, "must be a phone number", raw));
        }
        for (String field : new String[] {idField, fromField, textField}) {
            if (TextFields.hasControlCharacter(form.first(field))) {
                problems.add(rejection(gateway, externalId, field, "contains a control character (NUL or another"
                        + " non-printing character)", raw));
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedRequestException(400, "Invalid SMS webhook", problems);
        }
        if (text != null && text.codePointCount(0, text.length()) > MAX_MESSAGE_CHARACTERS) {
            throw refused(413, "SMS too long", gateway, id, textField, "must be at most " + MAX_MESSAGE_CHARACTERS
                    + " characters", raw);
        }
        return new InboundSms(gateway, id, from.strip(), text == null ? "" : text, clock.instant());
    }

    private static RejectedRequestException refused(int status, String title, String gateway, String id, String field,
                                                    String reason, byte[] raw) {
        return new RejectedRequestException(status, title, List.of(rejection(gateway, id, field, reason, raw)));
    }

    private static Rejection rejection(String gateway, String id, String field, String reason, byte[] raw) {
        return new Rejection("SMS", gateway, id, null, field, reason, new String(raw, StandardCharsets.UTF_8));
    }

    static String twiml(String reply) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escape(reply) + "</Message></Response>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
