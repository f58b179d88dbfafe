package se.stockholm.brottsofferstod.email;

import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.springframework.beans.factory.DisposableBean;

/**
 * The mail sender behind the email-replies-block route's {@code smtp:} producer: Camel's own sender opens an SMTP
 * session for each mail (connect, greeting, authentication, quit), which held the replies to about 20 a second; this
 * one keeps its session for the mails that follow within {@link #MAX_IDLE_NANOS}, as one relay block's replies do,
 * and opens a fresh one after a pause (a server closes idle sessions) or after a failure. The producer, its
 * redelivery and the outbox's retry stay Camel's and the route's; a failed send is not repeated here.
 */
final class KeptSmtpConnection extends DefaultJavaMailSender implements DisposableBean {

    /** Longer than any pause within a block, far shorter than the 5 minutes a server keeps an idle session. */
    static final long MAX_IDLE_NANOS = 10_000_000_000L;

    private Transport transport;
    private long lastUsed;

    KeptSmtpConnection(Session session, String host, int port) {
        setSession(session);
        setHost(host);
        setPort(port);
        setProtocol("smtp");
    }

    @Override
    public synchronized void send(MimeMessage message) throws MessagingException {
        // as Camel's sender does: a sent date, the headers saved, our Message-ID kept
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        try {
            connected().sendMessage(message, message.getAllRecipients());
            lastUsed = System.nanoTime();
        } catch (MessagingException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Transport connected() throws MessagingException {
        if (transport != null && (System.nanoTime() - lastUsed > MAX_IDLE_NANOS || !transport.isConnected())) {
            close();
        }
        if (transport == null) {
            Transport fresh = getTransport(getSession());
            // no user or password here: the session's authenticator gives them when the server asks
            fresh.connect(getHost(), getPort(), null, null);
            transport = fresh;
        }
        return transport;
    }

    private synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the session is gone already; the next mail opens a new one
            }
            transport = null;
        }
    }

    @Override
    public void destroy() {
        close();
    }
}
