package se.stockholm.brottsofferstod.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.cases.CaseViews;
import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.freetext.Facts;
import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.security.Actor;

/**
 * Where a triage case would go now that the person wrote again: what they wrote (the first message and every
 * follow-up) read by the same free-text reader and routing rule as an email's intake, with an age already on the
 * case taking precedence. Only cases a message joined are read (and so audited as read by the coordinator).
 */
@Component
class TriageSuggestions {

    /** @param partner the partner the routing rule now names, {@code reason} its sentence */
    record Suggestion(String partner, String reason) {
    }

    private final CaseWork work;
    private final FreeText freeText;
    private final Router router;

    TriageSuggestions(CaseWork work, FreeText freeText, Router router) {
        this.work = work;
        this.freeText = freeText;
        this.router = router;
    }

    /** A suggestion for each listed triage case that a later message makes routable, by case reference. */
    Map<String, Suggestion> of(Actor coordinator, List<CaseViews.Summary> triage) {
        Map<String, Suggestion> suggestions = new LinkedHashMap<>();
        for (CaseViews.Summary s : triage) {
            if (s.newMessage() && RoutingDecision.TRIAGE.equals(s.partner())) {
                suggest(work.get(coordinator, s.caseReference())).ifPresent(x -> suggestions.put(s.caseReference(), x));
            }
        }
        return suggestions;
    }

    private Optional<Suggestion> suggest(CaseViews.Details c) {
        Facts facts = freeText.read(c.messages().stream().map(CaseViews.Message::text).collect(Collectors.joining("\n")));
        KnownAge age = c.person() != null && c.person().age() != null ? new KnownAge(c.person().age(), "on the case")
                : facts.knownAge();
        RoutingDecision now = router.route(age, facts.place(), facts.postalCode(), null);
        return router.partners().ids().contains(now.partner())
                ? Optional.of(new Suggestion(now.partner(), now.reason())) : Optional.empty();
    }
}
