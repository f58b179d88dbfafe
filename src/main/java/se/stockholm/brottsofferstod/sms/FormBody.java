package se.stockholm.brottsofferstod.sms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code application/x-www-form-urlencoded} body as the gateways post it, read from the raw bytes: every
 * parameter (for Twilio's signature), in UTF-8 unless the content type names another charset; text that is not
 * valid UTF-8 is read as ISO-8859-1 rather than refused, so an odd gateway's message still gets a kind answer.
 */
final class FormBody {

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private final Map<String, List<String>> parameters;

    private FormBody(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    static FormBody parse(byte[] body, String contentType) {
        Charset charset = charsetOf(contentType);
        Map<String, List<String>> parameters = new TreeMap<>();
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormBody(parameters);
    }

    /** The first value of the parameter, or {@code null}. */
    String first(String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every parameter, names sorted, values in the order sent. */
    Map<String, List<String>> all() {
        return parameters;
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            Matcher m = CHARSET.matcher(contentType);
            if (m.find() && Charset.isSupported(m.group(1))) {
                return Charset.forName(m.group(1));
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Percent-decoding to bytes first, then to text: a multi-byte character split over escapes stays whole. */
    private static String decode(String encoded, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '+') {
                bytes.write(' ');
            } else if (ch == '%' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(ch);
            }
        }
        byte[] raw = bytes.toByteArray();
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notThatCharset) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isHex(char ch) {
        return Character.digit(ch, 16) >= 0;
    }
}
