package se.stockholm.brottsofferstod.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** MIME sources of the kinds of mail people and machines send, each with a fresh Message-ID and sender. */
final class Mails {

    private Mails() {
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String id() {
        return unique() + "." + System.nanoTime() + "@example.se";
    }

    static String sender() {
        return "person-" + unique() + "@example.se";
    }

    /** A plain UTF-8 text mail; extra headers are whole lines ending in CRLF. */
    static String plain(String messageId, String from, String subject, String body, String extraHeaders) {
        return headers(messageId, from, subject) + extraHeaders
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
    }

    static String plain(String messageId, String from, String subject, String body) {
        return plain(messageId, from, subject, body, "");
    }

    static String headers(String messageId, String from, String subject) {
        return "Message-ID: <" + messageId + ">\r\n"
                + "From: " + from + "\r\n"
                + "To: " + TestMailServer.ADDRESS + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Tue, 25 Nov 2026 10:00:00 +0100\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    /** The body of a multipart/mixed mail (boundary {@code b0}) with multiparts nested this many levels deep. */
    static String nestedMultipart(int levels) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            body.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
        }
        body.append("--b").append(levels).append("\r\nContent-Type: text/plain\r\n\r\nDjupt.\r\n--b").append(levels).append("--\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            body.append("--b").append(i).append("--\r\n");
        }
        return body.toString();
    }

    static String base64(String text) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }
}
