package se.stockholm.brottsofferstod.email;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailUidGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.CaseMessages;
import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.routing.Router;

/** Wires the email intake from the intake.mail configuration. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailSettings mailSettings(@Value("${intake.mail.address}") String address,
                              @Value("${intake.mail.smtp.host}") String smtpHost,
                              @Value("${intake.mail.smtp.port}") int smtpPort,
                              @Value("${intake.mail.smtp.username}") String smtpUsername,
                              @Value("${intake.mail.smtp.password}") String smtpPassword,
                              @Value("${intake.mail.smtp.ssl}") boolean smtpSsl,
                              @Value("${intake.mail.replies-per-sender-per-hour}") int repliesPerSenderPerHour,
                              @Value("${intake.mail.reply-max-attempts}") int replyMaxAttempts,
                              @Value("${intake.mail.reply-first-retry}") Duration replyFirstRetry,
                              @Value("${intake.service-level.first-attempt-within}") Duration firstAttemptWithin,
                              @Value("${intake.mail.max-size}") DataSize maxSize,
                              @Value("${intake.mail.timeout-ms}") int timeoutMs) {
        return new MailSettings(address, smtpHost, smtpPort, smtpUsername, smtpPassword, smtpSsl, repliesPerSenderPerHour,
                replyMaxAttempts, replyFirstRetry, (int) firstAttemptWithin.toDays(), maxSize.toBytes(), timeoutMs);
    }

    /** Jakarta Mail settings of the IMAP consumer (the email-imap route): TLS as configured, and timeouts. */
    @Bean
    Properties imapProperties(@Value("${intake.mail.imap.ssl}") boolean ssl, MailSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.ssl.enable", Boolean.toString(ssl));
        properties.setProperty("mail.imap.ssl.checkserveridentity", "true");
        properties.setProperty("mail.imap.connectiontimeout", Integer.toString(settings.timeoutMs()));
        properties.setProperty("mail.imap.timeout", Integer.toString(settings.timeoutMs()));
        // a mail within the size limit is fetched whole in one command, not in 16 kB pieces
        properties.setProperty("mail.imap.partialfetch", "false");
        properties.putAll(MailReader.SOURCE_PROPERTIES);
        return properties;
    }

    /**
     * Camel's key for a polled mail serves only its own idempotent repository, which this intake does not use
     * (the case store's receipt is the guard): the message number spares a round trip per mail for the Message-ID.
     */
    @Bean
    MailUidGenerator mailNumbers() {
        return (endpoint, message) -> Integer.toString(message.getMessageNumber());
    }

    /** The email-imap route's first step: the polled mail as a plain message's body (see {@link DetachedMail}). */
    @Bean
    Processor detachedMail() {
        return new DetachedMail();
    }

    /**
     * Jakarta Mail settings of the replies' SMTP producer (the email-replies-block route): TLS as configured, its
     * server's name checked, timeouts, and the credentials when the server asks for them.
     */
    @Bean
    Session smtpSession(MailSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.auth", Boolean.toString(!settings.smtpUsername().isBlank()));
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(settings.smtpSsl()));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.connectiontimeout", Integer.toString(settings.timeoutMs()));
        properties.setProperty("mail.smtp.timeout", Integer.toString(settings.timeoutMs()));
        properties.setProperty("mail.smtp.writetimeout", Integer.toString(settings.timeoutMs()));
        if (settings.smtpUsername().isBlank()) {
            return Session.getInstance(properties);
        }
        // the credentials stay in the session: the route's endpoint URI holds none
        PasswordAuthentication credentials = new PasswordAuthentication(settings.smtpUsername(), settings.smtpPassword());
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return credentials;
            }
        });
    }

    /** The replies' SMTP producer's sender: one SMTP session for a block of replies, not one per mail. */
    @Bean
    KeptSmtpConnection smtpSender(Session smtpSession, MailSettings settings) {
        return new KeptSmtpConnection(smtpSession, settings.smtpHost(), settings.smtpPort());
    }

    @Bean
    MailReplies mailReplies(JdbcTemplate jdbc, MailSettings settings, Router router, Keys keys, Session smtpSession,
                            @Value("${intake.mail.replies-dir}") Path repliesDir, Clock clock) {
        return new MailReplies(jdbc, smtpSession, settings, ReplyTexts.load(repliesDir), router.partners(), clock, keys);
    }

    @Bean
    MailIntake mailIntake(MailSettings settings, FreeText freeText, Router router, CaseIntake cases,
                          CaseMessages messages, MailReplies replies, Keys keys, Clock clock) {
        return new MailIntake(new MailReader(settings.maxBytes(), settings.address(), clock, keys), freeText, router,
                cases, messages, replies, settings, keys);
    }
}
