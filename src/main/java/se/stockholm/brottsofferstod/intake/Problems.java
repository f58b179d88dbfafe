package se.stockholm.brottsofferstod.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem+json bodies, built in one place for every HTTP endpoint: the Camel intake routes (bean
 * {@code problems}), the Spring MVC endpoints ({@link ApiProblems}) and the security filters' 401 and 403.
 */
@Component
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final int DETAILS_IN_SUMMARY = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UnprovenSenders unprovenSenders;

    Problems(UnprovenSenders unprovenSenders) {
        this.unprovenSenders = unprovenSenders;
    }

    /** A problem with the status's own title; {@code field}, where not {@code null}, names the offending field. */
    public static Map<String, Object> body(int status, String detail, String field) {
        HttpStatus known = HttpStatus.resolve(status);
        return body(status, known == null ? "Error" : known.getReasonPhrase(), detail, field);
    }

    private static Map<String, Object> body(int status, String title, String detail, String field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        return problem;
    }

    public static String json(Map<String, Object> problem) {
        return JSON.writeValueAsString(problem);
    }

    /** The problem for a refused request: {@code detail} names the offending fields, {@code errors} lists them all. */
    public String of(RejectedRequestException rejected) {
        List<Rejection> rejections = rejected.rejections();
        String detail = rejections.stream().limit(DETAILS_IN_SUMMARY).map(Rejection::describe).collect(Collectors.joining("; "));
        if (rejections.size() > DETAILS_IN_SUMMARY) {
            detail += "; and " + (rejections.size() - DETAILS_IN_SUMMARY) + " more (see errors)";
        }
        Map<String, Object> problem = body(rejected.status(), rejected.title(), detail, null);
        problem.put("errors", rejections);
        return json(problem);
    }

    /** The problem for a sender that did not prove itself: counted, nothing else kept. */
    public String forbidden(UnprovenSenderException unproven) {
        unprovenSenders.increment(unproven.channel());
        return json(body(403, unproven.field() + ": " + unproven.reason(), null));
    }

    /** The problem for a failure on our side: the caller should send the same request again later. */
    public String unavailable() {
        return json(body(503, "The request could not be stored completely just now; send the same request again later"
                + " (referrals already taken then come back as DUPLICATE).", null));
    }
}
