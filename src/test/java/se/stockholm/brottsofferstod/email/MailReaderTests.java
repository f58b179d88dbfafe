package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Sha256;

/** Reading MIME mail as people's mail clients send it, without a mail server. */
class MailReaderTests {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private final MailReader reader = new MailReader(64 * 1024, TestMailServer.ADDRESS, Clock.fixed(NOW, ZoneOffset.UTC),
            new Keys("mail-reader-test-secret"));

    private static MimeMessage mime(byte[] source) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(source));
    }

    private IncomingMail read(String source) throws Exception {
        return read(source.getBytes(StandardCharsets.UTF_8));
    }

    private IncomingMail read(byte[] source) throws Exception {
        return reader.read(reader.fetch(mime(source)));
    }

    private static String textMail(String contentHeaders, String body) {
        return Mails.headers("id-1@example.se", "Anna <anna@example.se>", "Hej") + contentHeaders + "\r\n" + body + "\r\n";
    }

    @Test
    void multipartNestedDeeperThanTheLimitIsRefusedAsUnreadable() {
        String body = Mails.nestedMultipart(MailReader.MAX_DEPTH + 5);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(textMail("Content-Type: multipart/mixed; boundary=\"b0\"\r\n",
                body))).isInstanceOf(jakarta.mail.MessagingException.class).hasMessageContaining("nested deeper");
    }

    @Nested
    class Bodies {

        @Test
        void aPlainTextMailGivesItsTextSenderAndId() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: text/plain; charset=UTF-8\r\n", "Jag är rädd."));

            assertThat(mail.text()).isEqualTo("Jag är rädd.");
            assertThat(mail.from()).isEqualTo("anna@example.se");
            assertThat(mail.externalId()).isEqualTo("id-1@example.se");
            assertThat(mail.subject()).isEqualTo("Hej");
            assertThat(mail.receivedAt()).isEqualTo(NOW);
            assertThat(mail.automatic()).isNull();
        }

        @Test
        void alternativePartsGiveThePlainVersion() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: multipart/alternative; boundary=\"a\"\r\n",
                    "--a\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nDen enkla texten.\r\n"
                            + "--a\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Den <b>rika</b> texten.</p>\r\n--a--"));

            assertThat(mail.text()).isEqualTo("Den enkla texten.");
            assertThat(mail.attachments()).isEmpty();
        }

        @Test
        void anHtmlOnlyMailBecomesTextWithItsLineBreaksAndWithoutTheQuotedMail() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: text/html; charset=UTF-8\r\n",
                    "<div>Hej,<br>jag &auml;r 19.</div><div>Tack</div>"
                            + "<div class=\"gmail_quote\">Den m&aring;n skrev X:<blockquote>Gammalt</blockquote></div>"));

            assertThat(mail.text()).isEqualTo("Hej,\njag är 19.\nTack");
        }

        @Test
        void isoLatin1QuotedPrintableIsDecoded() throws Exception {
            IncomingMail mail = read((textMail(
                    "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n",
                    "Jag bor p=E5 S=F6der och =E4r 23.").getBytes(StandardCharsets.US_ASCII)));

            assertThat(mail.text()).isEqualTo("Jag bor på Söder och är 23.");
        }

        @Test
        void eightBitTextWithoutACharsetIsReadAsUtf8WhenItIsAndAsWindows1252WhenNot() throws Exception {
            String latin1 = textMail("Content-Type: text/plain\r\n", "Hjälp mig");
            IncomingMail fromLatin1 = read((latin1.getBytes(StandardCharsets.ISO_8859_1)));
            IncomingMail fromUtf8 = read((latin1.getBytes(StandardCharsets.UTF_8)));

            assertThat(fromLatin1.text()).isEqualTo("Hjälp mig");
            assertThat(fromUtf8.text()).isEqualTo("Hjälp mig");
        }

        @Test
        void anUnknownCharsetFallsBackInsteadOfFailing() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: text/plain; charset=x-no-such-charset\r\n", "Hej där"));

            assertThat(mail.text()).isEqualTo("Hej där");
        }

        @Test
        void aMultipartWhoseBoundaryNeverComesIsReadAsTheTextItIsWithANote() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: multipart/mixed; boundary=\"never\"\r\n",
                    "Jag är 30 år och bor i Bromma."));

            assertThat(mail.text()).isEqualTo("Jag är 30 år och bor i Bromma.");
            assertThat(mail.notMime()).isNotNull();
            assertThat(MailIntake.caseText(mail)).contains("[The mail is not valid MIME (");
        }

        @Test
        void aBrokenMultipartIsReadWithoutItsDelimitersAndPartHeaders() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: multipart/alternative\r\n",
                    "--x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHan hotar mig.\r\n--x--"));

            assertThat(mail.text()).isEqualTo("Han hotar mig.");
        }

        @Test
        void aForwardedMailAndADigestAreRead() throws Exception {
            IncomingMail forwarded = read(textMail("Content-Type: message/rfc822\r\n",
                    "From: \"Cecilia <c@example.se\r\nSubject: Vidare\r\n\r\nSe nedan, jag behöver hjälp."));
            IncomingMail digest = read(textMail("Content-Type: multipart/digest; boundary=\"d\"\r\n",
                    "--d\r\n\r\nSubject: Ett\r\n\r\nFörsta.\r\n--d\r\n\r\nSubject: Två\r\n\r\nAndra.\r\n--d--"));

            assertThat(forwarded.text()).isEqualTo("Se nedan, jag behöver hjälp.");
            assertThat(digest.text()).isEqualTo("Första.\n\nAndra.");
            assertThat(digest.attachments()).isEmpty();
        }

        @Test
        void base64TextIsDecoded() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n",
                    Mails.base64("Någon följer efter mig.")));

            assertThat(mail.text()).isEqualTo("Någon följer efter mig.");
        }
    }

    @Nested
    class Attachments {

        @Test
        void attachmentsAreNamedTypedAndMeasuredNotRead() throws Exception {
            byte[] pdf = new byte[57 * 100];
            IncomingMail mail = read(textMail("Content-Type: multipart/mixed; boundary=\"m\"\r\n",
                    "--m\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSe bilagan.\r\n"
                            + "--m\r\nContent-Type: application/pdf; name=\"=?UTF-8?Q?polisanm=C3=A4lan.pdf?=\"\r\n"
                            + "Content-Disposition: attachment; filename=\"=?UTF-8?Q?polisanm=C3=A4lan.pdf?=\"\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n" + Mails.base64(pdf) + "\r\n--m--"));

            assertThat(mail.text()).isEqualTo("Se bilagan.");
            assertThat(mail.attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("polisanmälan.pdf");
                assertThat(a.contentType()).isEqualTo("application/pdf");
                assertThat(a.sizeBytes()).isBetween(5600L, 5800L);
            });
        }

        @Test
        void anInlineImageWithoutANameIsAnAttachmentToo() throws Exception {
            IncomingMail mail = read(textMail("Content-Type: multipart/related; boundary=\"r\"\r\n",
                    "--r\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Bilden:</p><img src=\"cid:x\">\r\n"
                            + "--r\r\nContent-Type: image/png\r\nContent-ID: <x>\r\n\r\nPNG\r\n--r--"));

            assertThat(mail.text()).isEqualTo("Bilden:");
            assertThat(mail.attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isNull();
                assertThat(a.contentType()).isEqualTo("image/png");
            });
        }

        @Test
        void aMailLargerThanTheLimitIsMarkedOversized() throws Exception {
            byte[] big = new byte[80 * 1024];
            IncomingMail mail = read(textMail("Content-Type: multipart/mixed; boundary=\"m\"\r\n",
                    "--m\r\nContent-Type: text/plain\r\n\r\nFilmen.\r\n--m\r\nContent-Type: video/mp4\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n" + Mails.base64(big) + "\r\n--m--"));

            assertThat(mail.oversized()).isTrue();
            assertThat(mail.text()).isEqualTo("Filmen.");
        }
    }

    @Nested
    class Identity {

        @Test
        void aMailWithoutMessageIdIsKnownByAHashOfItsHeaders() throws Exception {
            String source = "From: anna@example.se\r\nTo: " + TestMailServer.ADDRESS + "\r\nSubject: Hej\r\n"
                    + "Date: Tue, 25 Nov 2026 10:00:00 +0100\r\n\r\nText\r\n";
            String other = source.replace("Subject: Hej", "Subject: Hej igen");

            assertThat(read(source).externalId()).startsWith("hmac:").isEqualTo(read(source).externalId())
                    .isNotEqualTo(read(other).externalId());
        }

        @Test
        void theHashOfAMailWithoutMessageIdIsKeyedSoTheHeadersCannotBeConfirmedFromIt() throws Exception {
            String source = "From: anna.svensson@example.se\r\nTo: " + TestMailServer.ADDRESS + "\r\nSubject: Hej\r\n"
                    + "Date: Tue, 25 Nov 2026 10:00:00 +0100\r\n\r\nText\r\n";
            MailReader otherSecret = new MailReader(64 * 1024, TestMailServer.ADDRESS, Clock.fixed(NOW, ZoneOffset.UTC),
                    new Keys("another-secret"));
            String id = read(source).externalId();
            String identity = "\nFrom:anna.svensson@example.se\nTo:" + TestMailServer.ADDRESS + "\nCc:"
                    + "\nDate:Tue, 25 Nov 2026 10:00:00 +0100\nSubject:Hej\nIn-Reply-To:\nContent-Type:";

            assertThat(id).isNotEqualTo(otherSecret.read(otherSecret.fetch(mime(source.getBytes(StandardCharsets.UTF_8)))).externalId())
                    .doesNotContain(Sha256.hex(identity));
        }

        @Test
        void aMessageIdTooLongToKeepIsKeptAsItsHash() throws Exception {
            IncomingMail mail = read(textMail("", "Text").replace("id-1@example.se", "x".repeat(200) + "@example.se"));

            assertThat(mail.externalId()).startsWith("hmac:").hasSize(69);
        }

        @Test
        void theMailsItAnswersComeFromInReplyToAndReferences() throws Exception {
            IncomingMail mail = read(textMail("In-Reply-To: <BO-2026-000123.abc@brottsofferstod.test>\r\n"
                    + "References: <first@example.se> <BO-2026-000123.abc@brottsofferstod.test>\r\n", "Svar"));

            assertThat(mail.references()).containsExactly("BO-2026-000123.abc@brottsofferstod.test", "first@example.se");
        }

        @Test
        void anUnreadableSenderLeavesNoAddressToAnswer() throws Exception {
            IncomingMail mail = read(textMail("", "Text").replace("From: Anna <anna@example.se>", "From: ,,,"));

            assertThat(mail.from()).isNull();
            assertThat(mail.automatic().kind()).isEqualTo(AutomaticMail.Kind.NO_SENDER);
        }
    }
}
