package se.stockholm.brottsofferstod.email;

import java.time.Duration;

/**
 * The email intake's settings (contract section 7 and the intake.mail block of the configuration).
 *
 * @param address              our own address: the sender of replies, never answered
 * @param maxBytes             a larger mail is taken with a note, its parts not read in full
 * @param contactWithinDays    the service level the replies promise (first contact within)
 * @param replyFirstRetry      the wait before a reply that could not be sent is tried again; it doubles each time
 */
record MailSettings(String address, String smtpHost, int smtpPort, String smtpUsername, String smtpPassword,
                    boolean smtpSsl, int repliesPerSenderPerHour, int replyMaxAttempts, Duration replyFirstRetry,
                    int contactWithinDays,
                    long maxBytes, int timeoutMs) {
}
