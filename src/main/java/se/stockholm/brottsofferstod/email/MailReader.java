package se.stockholm.brottsofferstod.email;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import se.stockholm.brottsofferstod.intake.Keys;

/**
 * Reads a MIME mail into an {@link IncomingMail}: plain text, HTML-only (as text), multipart, forwarded mails and
 * digests, any charset and transfer encoding. Attachments are never opened: their names, types and sizes come
 * from the mail's structure. A mail whose structure is not valid MIME (a multipart whose boundary never comes, a
 * content type that cannot be parsed) is read as the text it is, with a note that says so.
 */
final class MailReader {

    /** The external id column's width: a longer Message-ID is kept as its hash. */
    static final int MAX_ID_LENGTH = 128;
    /** A text part is read up to this much; a case keeps far less, and a huge "text" is not a message. */
    private static final int MAX_TEXT_PART_BYTES = 512 * 1024;
    /** Levels of multipart within multipart; real mail (a forward of a forward with attachments) stays under ten. */
    static final int MAX_DEPTH = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** A multipart delimiter line as a broken mail still has them: {@code --boundary} or {@code --boundary--}. */
    private static final Pattern DELIMITER = Pattern.compile("--\\S{1,200}");
    private static final Pattern HEADER_LINE = Pattern.compile("[A-Za-z0-9-]{1,76}:.*");
    private static final String[] IDENTIFYING_HEADERS = {"From", "To", "Cc", "Date", "Subject", "In-Reply-To",
            "Content-Type"};

    /** How an id the service made (a mail without a usable Message-ID) starts; {@code sha256:} before keyed hashes. */
    static final String KEYED_ID_PREFIX = "hmac:";
    private static final String UNKEYED_ID_PREFIX = "sha256:";

    /**
     * How a mail's source is parsed: headers with 8-bit text (a subject typed in Swedish by a client that does not
     * encode it) are read as UTF-8, as mail clients send them today (RFC 6532), not as Latin-1.
     */
    static final Properties SOURCE_PROPERTIES = new Properties();

    static {
        SOURCE_PROPERTIES.setProperty("mail.mime.allowutf8", "true");
    }

    private static final Session SOURCE_SESSION = Session.getInstance(SOURCE_PROPERTIES);

    private final long maxBytes;
    private final String ownAddress;
    private final Clock clock;
    private final Keys keys;

    MailReader(long maxBytes, String ownAddress, Clock clock, Keys keys) {
        this.maxBytes = maxBytes;
        this.keys = keys;
        this.ownAddress = ownAddress;
        this.clock = clock;
    }

    /**
     * A mail as fetched from the server, with what only the server knows of it.
     *
     * @param message the whole mail in memory when it is within the size limit (one round trip to the server
     *                instead of one per header, part and attachment); else the server's, read part by part
     */
    record Fetched(Message message, long sizeBytes, Instant receivedAt) {
    }

    /**
     * At the start of a poll's batch: what {@link #fetch} asks of each mail first (size, arrival, envelope) for the
     * whole batch in one command instead of one each. A server that cannot give it for one of them gives it for
     * none; then each mail asks for its own, as without this.
     */
    static void prefetch(Message first, int batchSize) {
        Folder folder = first.getFolder();
        try {
            if (batchSize > 1 && folder != null && folder.isOpen()) {
                int from = first.getMessageNumber();
                int to = Math.min(folder.getMessageCount(), from + batchSize - 1);
                FetchProfile envelope = new FetchProfile();
                envelope.add(FetchProfile.Item.ENVELOPE);
                folder.fetch(folder.getMessages(from, to), envelope);
            }
        } catch (MessagingException | RuntimeException notForAll) {
            // each mail's own fetch asks again, and fails or not on its own
        }
    }

    Fetched fetch(Message mail) throws MessagingException, IOException {
        long size;
        Instant receivedAt;
        try {
            size = mail.getSize();
            receivedAt = receivedAt(mail);
        } catch (FolderClosedException | StoreClosedException connectionLost) {
            throw connectionLost;
        } catch (MessagingException noEnvelope) {
            // the server cannot give the mail's envelope (it cannot parse its addresses), but it can give its source
            return fromSource(mail);
        }
        if (size >= 0 && size <= maxBytes && mail instanceof MimeMessage onServer) {
            return new Fetched(new MimeMessage(onServer), size, receivedAt);
        }
        return new Fetched(mail, size, receivedAt);
    }

    /** The mail as its source says, up to just over the size limit (a longer one is cut, and marked oversized). */
    private Fetched fromSource(Message mail) throws MessagingException, IOException {
        Bounded source = new Bounded(maxBytes + 1);
        try {
            mail.writeTo(source);
        } catch (Bounded.Full cut) {
            // taken as far as the limit: the whole mail stays in the mailbox
        }
        return new Fetched(new MimeMessage(SOURCE_SESSION, new ByteArrayInputStream(source.toByteArray())), source.size(),
                clock.instant());
    }

    /** A buffer that stops at its limit. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long limit;

        Bounded(long limit) {
            this.limit = limit;
        }

        /** Thrown when the limit is reached: what was written so far is kept. */
        static final class Full extends RuntimeException {
            Full() {
                super("the size limit is reached", null, false, false);
            }
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            long room = limit - size();
            super.write(b, off, (int) Math.min(len, Math.max(0, room)));
            if (len > room) {
                throw new Full();
            }
        }
    }

    IncomingMail read(Fetched fetched) throws MessagingException, IOException {
        Message mail = fetched.message();
        String from = senderOf(mail);
        String contentType = mail.getContentType();
        long size = fetched.sizeBytes();
        boolean oversized = size > maxBytes;
        Body body = new Body();
        String notMime = null;
        try {
            walk(mail, body, 0, false);
        } catch (NotMime broken) {
            notMime = broken.getMessage();
            body = new Body();
            body.plain.add(asText(mail));
        }
        String text = body.plain.isEmpty() ? String.join("\n\n", body.html) : String.join("\n\n", body.plain);
        AutomaticMail automatic = AutomaticMail.of(name -> first(mail, name), from, contentType, ownAddress);
        String subject = subjectOf(mail);
        return new IncomingMail(externalIdOf(mail), from, subject, fetched.receivedAt(), referencesOf(mail),
                QuotedReplies.strip(text, subject), List.copyOf(body.attachments), size, oversized, automatic, notMime);
    }

    /** A mail's structure is not valid MIME: its text is read as it stands instead. */
    private static final class NotMime extends Exception {
        NotMime(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * What a mail that is not valid MIME says, as text: its body as sent (undecoded, up to the text limit) in
     * UTF-8 if it is that, else Windows-1252, without the delimiter lines and part headers of its broken
     * multipart, so the staff read the person's words.
     */
    private String asText(Message mail) throws MessagingException, IOException {
        byte[] raw;
        try (InputStream in = mail instanceof MimePart part ? rawOf(part) : mail.getInputStream()) {
            raw = in.readNBytes((int) Math.min(MAX_TEXT_PART_BYTES, Math.max(maxBytes, 1)));
        }
        StringBuilder text = new StringBuilder();
        boolean partHeaders = false;
        for (String line : decoded(raw, null).split("\r?\n", -1)) {
            if (DELIMITER.matcher(line).matches()) {
                partHeaders = true;
            } else if (partHeaders && (HEADER_LINE.matcher(line).matches() || (!line.isEmpty()
                    && Character.isWhitespace(line.charAt(0)) && !line.isBlank()))) {
                continue;
            } else {
                partHeaders = false;
                text.append(line).append('\n');
            }
        }
        return text.toString().strip();
    }

    private static InputStream rawOf(MimePart part) throws MessagingException {
        return part instanceof MimeMessage message ? message.getRawInputStream()
                : ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream();
    }

    /** The Message-ID, or a keyed hash of the headers that identify a mail when it has none or a very long one. */
    String externalIdOf(Message mail) throws MessagingException {
        String header = first(mail, "Message-ID");
        Matcher id = header == null ? null : MESSAGE_ID.matcher(header);
        if (id != null && id.find() && id.group(1).length() <= MAX_ID_LENGTH) {
            return id.group(1);
        }
        StringBuilder identity = new StringBuilder();
        if (header != null) {
            identity.append(header.strip());
        }
        for (String name : IDENTIFYING_HEADERS) {
            String[] values = mail.getHeader(name);
            identity.append('\n').append(name).append(':').append(values == null ? "" : String.join(",", values));
        }
        return KEYED_ID_PREFIX + keys.mailIdentity(identity.toString());
    }

    /** Whether the id is one the service made, not the mail's own Message-ID. */
    static boolean isMadeHere(String externalId) {
        return externalId.startsWith(KEYED_ID_PREFIX) || externalId.startsWith(UNKEYED_ID_PREFIX);
    }

    private static List<String> referencesOf(Message mail) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String name : new String[] {"In-Reply-To", "References"}) {
            String[] values = mail.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    Matcher m = MESSAGE_ID.matcher(value);
                    while (m.find()) {
                        if (!ids.contains(m.group(1))) {
                            ids.add(m.group(1));
                        }
                    }
                }
            }
        }
        return ids;
    }

    private static String senderOf(Message mail) {
        try {
            Address[] from = mail.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address && address.getAddress() != null) {
                String value = address.getAddress().strip();
                return value.contains("@") || value.equalsIgnoreCase("mailer-daemon") ? value : null;
            }
        } catch (MessagingException unreadable) {
            // a From header that cannot be parsed is no address to answer; the mail is still taken
        }
        return null;
    }

    private static String subjectOf(Message mail) {
        try {
            String subject = mail.getSubject();
            return subject == null ? "" : subject.strip();
        } catch (MessagingException unreadable) {
            return "";
        }
    }

    private Instant receivedAt(Message mail) throws MessagingException {
        Date received = mail.getReceivedDate();
        return received != null ? received.toInstant() : clock.instant();
    }

    private static String first(Message mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    private static final class Body {
        final List<String> plain = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<IncomingMail.Attachment> attachments = new ArrayList<>();
    }

    /**
     * @param inReport whether the part is within a delivery report, whose forwarded mail is the one that was
     *                 returned (ours), not something a person wrote to us
     */
    private void walk(Part part, Body body, int depth, boolean inReport) throws MessagingException, IOException, NotMime {
        checkContentType(part);
        if (part.isMimeType("multipart/*") && !isAttachment(part)) {
            if (depth >= MAX_DEPTH) {
                // no mail client nests this deep: a crafted mail that would cost a stack per level
                throw new MessagingException("multipart nested deeper than " + MAX_DEPTH + " levels");
            }
            Multipart multipart = multipartOf(part);
            if (multipart == null) {
                body.attachments.add(attachment(part));
                return;
            }
            if (part.isMimeType("multipart/alternative")) {
                walkAlternative(multipart, body, depth + 1, inReport);
                return;
            }
            boolean report = inReport || part.isMimeType("multipart/report");
            boolean digest = part.isMimeType("multipart/digest");
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (digest && child.getHeader("Content-Type") == null) {
                    // a digest's part is a mail unless it says otherwise (RFC 2046, 5.1.5)
                    walk(new MimeMessage(SOURCE_SESSION, child.getInputStream()), body, depth + 1, report);
                } else {
                    walk(child, body, depth + 1, report);
                }
            }
        } else if (!isAttachment(part) && part.isMimeType("text/plain")) {
            body.plain.add(textOf(part));
        } else if (!isAttachment(part) && part.isMimeType("text/html")) {
            body.html.add(HtmlText.of(textOf(part)));
        } else if (!inReport && !isAttachment(part) && part.isMimeType("message/rfc822")) {
            // a forwarded mail, or one of a digest's mails: what it says is what the person sends us
            if (depth >= MAX_DEPTH) {
                throw new MessagingException("mail nested deeper than " + MAX_DEPTH + " levels");
            }
            Object forwarded = part.getContent();
            if (forwarded instanceof Part inner) {
                walk(inner, body, depth + 1, false);
            } else {
                body.attachments.add(attachment(part));
            }
        } else {
            body.attachments.add(attachment(part));
        }
    }

    /** A content type without a type is not MIME: which part is text cannot be told. */
    private static void checkContentType(Part part) throws MessagingException, NotMime {
        String type = part.getContentType();
        if (type == null) {
            return;
        }
        try {
            new ContentType(type);
        } catch (ParseException unparsable) {
            // a parameter that breaks the rules is common and harmless (the type is still known); no type at all is not
            if (!type.split(";", 2)[0].contains("/")) {
                throw new NotMime("its content type names no type");
            }
        }
    }

    /** The parts of a multipart, or {@code null} when its content is something else; a broken one is not MIME. */
    private static Multipart multipartOf(Part part) throws MessagingException, IOException, NotMime {
        try {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                return null;
            }
            multipart.getCount();
            return multipart;
        } catch (MessagingException broken) {
            throw new NotMime("a multipart that cannot be parsed");
        }
    }

    /** The plain version of a text when there is one, else the richest one we can read. */
    private void walkAlternative(Multipart alternative, Body body, int depth, boolean inReport)
            throws MessagingException, IOException, NotMime {
        BodyPart chosen = null;
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart candidate = alternative.getBodyPart(i);
            if (candidate.isMimeType("text/plain")) {
                chosen = candidate;
                break;
            }
            if (chosen == null || candidate.isMimeType("text/html") || candidate.isMimeType("multipart/*")) {
                chosen = candidate;
            }
        }
        if (chosen != null) {
            walk(chosen, body, depth, inReport);
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileNameOf(part) != null;
    }

    private IncomingMail.Attachment attachment(Part part) throws MessagingException {
        String type = part.getContentType() == null ? "application/octet-stream" : baseType(part.getContentType());
        return new IncomingMail.Attachment(fileNameOf(part), type, decodedSize(part));
    }

    private static String fileNameOf(Part part) throws MessagingException {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : MimeUtility.decodeText(name).strip();
        } catch (ParseException | UnsupportedEncodingException oddName) {
            return "(unreadable name)";
        }
    }

    /** The size a part has once its transfer encoding is undone, from what the server says, without fetching it. */
    private static long decodedSize(Part part) throws MessagingException {
        long sent = part.getSize();
        if (sent < 0) {
            return 0;
        }
        String[] encoding = part.getHeader("Content-Transfer-Encoding");
        if (encoding != null && encoding.length > 0 && encoding[0].strip().equalsIgnoreCase("base64")) {
            // lines of 76 characters and a line break carry 57 bytes
            return sent * 57 / 78;
        }
        return sent;
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException odd) {
            return "application/octet-stream";
        }
    }

    /** A text part in its declared charset; without one (or with one we do not know) UTF-8 if it is, else Windows-1252. */
    private String textOf(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(MAX_TEXT_PART_BYTES, Math.max(maxBytes, 1)));
        }
        return decoded(bytes, charsetOf(part.getContentType()));
    }

    /** Text in its declared charset; without one (or one we do not know) UTF-8 if it is, else Windows-1252. */
    private static String decoded(byte[] bytes, Charset declared) {
        if (declared != null) {
            return new String(bytes, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static Charset charsetOf(String contentType) {
        try {
            String name = contentType == null ? null : new ContentType(contentType).getParameter("charset");
            if (name == null || name.isBlank()) {
                return null;
            }
            Charset charset = Charset.forName(MimeUtility.javaCharset(name.strip()));
            // mail that says US-ASCII often carries 8-bit text: decode it as a superset instead of losing letters
            return charset.equals(StandardCharsets.US_ASCII) ? null : charset;
        } catch (ParseException | IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return null;
        }
    }
}
