package se.stockholm.brottsofferstod.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem+json bodies, built in one place for every HTTP intake endpoint. */
@Component
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final int DETAILS_IN_SUMMARY = 3;

    private final JsonMapper json;
    private final UnprovenSenders unprovenSenders;

    Problems(JsonMapper json, UnprovenSenders unprovenSenders) {
        this.json = json;
        this.unprovenSenders = unprovenSenders;
    }

    /** The problem for a refused request: {@code detail} names the offending fields, {@code errors} lists them all. */
    public String of(RejectedRequestException rejected) {
        List<Rejection> rejections = rejected.rejections();
        String detail = rejections.stream().limit(DETAILS_IN_SUMMARY).map(Rejection::describe).collect(Collectors.joining("; "));
        if (rejections.size() > DETAILS_IN_SUMMARY) {
            detail += "; and " + (rejections.size() - DETAILS_IN_SUMMARY) + " more (see errors)";
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", rejected.title());
        problem.put("status", rejected.status());
        problem.put("detail", detail);
        problem.put("errors", rejections);
        return json.writeValueAsString(problem);
    }

    /** The problem for a sender that did not prove itself: counted, nothing else kept. */
    public String forbidden(UnprovenSenderException unproven) {
        unprovenSenders.increment(unproven.channel());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Forbidden");
        problem.put("status", 403);
        problem.put("detail", unproven.field() + ": " + unproven.reason());
        return json.writeValueAsString(problem);
    }

    /** The problem for a failure on our side: the caller should send the same request again later. */
    public String unavailable() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Service Unavailable");
        problem.put("status", 503);
        problem.put("detail", "The request could not be stored completely just now; send the same request again later"
                + " (referrals already taken then come back as DUPLICATE).");
        return json.writeValueAsString(problem);
    }
}
