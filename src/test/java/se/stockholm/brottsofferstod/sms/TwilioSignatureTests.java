package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class TwilioSignatureTests {

    /** The example of Twilio's webhook security documentation: auth token 12345 and these five parameters. */
    private static final String DOCUMENTED_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DOCUMENTED_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static Map<String, List<String>> documentedParameters() {
        Map<String, List<String>> parameters = new TreeMap<>();
        parameters.put("CallSid", List.of("CA1234567890ABCDE"));
        parameters.put("Caller", List.of("+12349013030"));
        parameters.put("Digits", List.of("1234"));
        parameters.put("From", List.of("+12349013030"));
        parameters.put("To", List.of("+18005551212"));
        return parameters;
    }

    @Test
    void theExampleOfTwiliosDocumentationVerifies() {
        assertThat(TwilioSignature.verifies("12345", DOCUMENTED_URL, documentedParameters(), DOCUMENTED_SIGNATURE)).isTrue();
    }

    @Test
    void theSameRequestParsedFromItsFormBodyVerifies() {
        byte[] body = "To=%2B18005551212&From=%2B12349013030&Digits=1234&Caller=%2B12349013030&CallSid=CA1234567890ABCDE"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(TwilioSignature.verifies("12345", DOCUMENTED_URL, FormBody.parse(body, null).all(), DOCUMENTED_SIGNATURE)).isTrue();
    }

    @Test
    void anotherTokenAChangedParameterOrAnotherUrlDoNotVerify() {
        Map<String, List<String>> changed = documentedParameters();
        changed.put("Digits", List.of("1235"));

        assertThat(TwilioSignature.verifies("54321", DOCUMENTED_URL, documentedParameters(), DOCUMENTED_SIGNATURE)).isFalse();
        assertThat(TwilioSignature.verifies("12345", DOCUMENTED_URL, changed, DOCUMENTED_SIGNATURE)).isFalse();
        assertThat(TwilioSignature.verifies("12345", "https://mycompany.com/myapp.php", documentedParameters(), DOCUMENTED_SIGNATURE)).isFalse();
    }

    @Test
    void noSignatureOrNoConfiguredTokenNeverVerifies() {
        assertThat(TwilioSignature.verifies("12345", DOCUMENTED_URL, documentedParameters(), null)).isFalse();
        assertThat(TwilioSignature.verifies("", DOCUMENTED_URL, documentedParameters(), DOCUMENTED_SIGNATURE)).isFalse();
    }

    @Test
    void theWebhookUrlIsThePublicUrlWithTheWebhooksPathUnlessItAlreadyEndsSo() {
        assertThat(SmsWebhooks.webhookUrl("https://sms.example.org/")).isEqualTo("https://sms.example.org/webhooks/sms/twilio");
        assertThat(SmsWebhooks.webhookUrl("https://x.example.org:8443/webhooks/sms/twilio"))
                .isEqualTo("https://x.example.org:8443/webhooks/sms/twilio");
    }
}
