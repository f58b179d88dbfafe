package se.stockholm.brottsofferstod.email;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import se.stockholm.brottsofferstod.support.TestPorts;

/**
 * GreenMail in-process on free loopback ports: the partnership's mailbox (IMAP) and the mail server replies go
 * through (SMTP). It can be stopped and started again on the same ports, as a real server goes down and comes back.
 */
final class TestMailServer implements AutoCloseable {

    static final String ADDRESS = "intake@brottsofferstod.test";
    static final String USER = "intake";
    static final String PASSWORD = "mail-secret";

    private final int smtpPort = TestPorts.free();
    private final int imapPort = TestPorts.free();
    private final Session session = Session.getInstance(new Properties());
    private GreenMail greenMail;
    private GreenMailUser mailbox;

    TestMailServer start() {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)}) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                Map<String, AbstractServer> services = super.createServices(config, managers);
                AbstractServer imap = services.get(ServerSetup.PROTOCOL_IMAP);
                services.put(ServerSetup.PROTOCOL_IMAP, new NoDelayImapServer(imap.getServerSetup(), managers));
                return services;
            }
        };
        greenMail.start();
        mailbox = greenMail.setUser(ADDRESS, USER, PASSWORD);
        return this;
    }

    @Override
    public void close() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /**
     * GreenMail's IMAP server answering without Nagle's algorithm, as production IMAP servers do: GreenMail writes
     * a response in several small packets, and with Nagle each command would wait for the client's delayed
     * acknowledgement (some 40 ms on Linux), which measures that stall instead of the intake.
     */
    private static final class NoDelayImapServer extends AbstractServer {

        NoDelayImapServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }
    }

    /** The intake.mail settings that point the service at this server, without TLS. */
    Map<String, Object> properties() {
        return Map.ofEntries(
                Map.entry("intake.mail.enabled", "true"),
                Map.entry("intake.mail.address", ADDRESS),
                Map.entry("intake.mail.imap.host", "127.0.0.1"),
                Map.entry("intake.mail.imap.port", Integer.toString(imapPort)),
                Map.entry("intake.mail.imap.username", USER),
                Map.entry("intake.mail.imap.password", PASSWORD),
                Map.entry("intake.mail.imap.ssl", "false"),
                Map.entry("intake.mail.smtp.host", "127.0.0.1"),
                Map.entry("intake.mail.smtp.port", Integer.toString(smtpPort)),
                Map.entry("intake.mail.smtp.ssl", "false"),
                Map.entry("intake.mail.poll-delay-ms", "100"),
                Map.entry("intake.mail.reply-period-ms", "100"),
                Map.entry("intake.mail.timeout-ms", "5000"),
                // GreenMail logs each recipient's address as it makes a mailbox for it: a stand-in's log, not the service's
                Map.entry("logging.level.com.icegreen.greenmail", "WARN"));
    }

    /** The settings that send replies through this server's SMTP, for a service that reads another's mailbox. */
    Map<String, Object> smtpProperties() {
        return Map.of("intake.mail.smtp.port", Integer.toString(smtpPort));
    }

    /** Puts a mail, given as its MIME source, into the mailbox as unseen. */
    void deliver(String source) {
        deliver(source.getBytes(StandardCharsets.UTF_8));
    }

    void deliver(byte[] source) {
        try {
            mailbox.deliver(new MimeMessage(session, new ByteArrayInputStream(source)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the mailbox's mail with this Message-ID carries the \Seen flag. */
    boolean seen(String messageId) {
        return stored(messageId).stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    List<StoredMessage> stored(String messageId) {
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(mailbox).getMessages().stream()
                    .filter(m -> messageId.equals(header(m.getMimeMessage(), "Message-ID"))).toList();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every mail in the mailbox, seen or not. */
    List<StoredMessage> inbox() {
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(mailbox).getMessages();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mails the SMTP server received for this address (the replies we sent). */
    List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** How many mails the SMTP server received for others than us (the replies we sent). */
    int repliesSent() {
        return (int) Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return !TestMailServer.ADDRESS.equals(m.getRecipients(Message.RecipientType.TO)[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0].replaceAll("[<>\\s]", "");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
