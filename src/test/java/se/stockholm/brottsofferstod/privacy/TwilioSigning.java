package se.stockholm.brottsofferstod.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SortedMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a form as Twilio does (its documented algorithm, written here apart from the service's own check). */
final class TwilioSigning {

    private TwilioSigning() {
    }

    /** @param url the full URL Twilio calls, as the service is configured with it */
    static String sign(String url, String authToken, SortedMap<String, String> form) throws Exception {
        StringBuilder signed = new StringBuilder(url);
        form.forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
