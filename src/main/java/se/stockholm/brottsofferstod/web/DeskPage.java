package se.stockholm.brottsofferstod.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import se.stockholm.brottsofferstod.audit.AuditLog;
import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.security.Actor;

/** The coordinator's desk: triage to assign, cases from outside the city to hand over, every queue at a glance. */
@Controller
class DeskPage {

    private static final int LIST_SIZE = 100;

    private final CaseWork work;
    private final AuditLog audit;
    private final StaffPages pages;
    private final Handovers handovers;
    private final TriageSuggestions suggestions;

    DeskPage(CaseWork work, AuditLog audit, StaffPages pages, Handovers handovers, TriageSuggestions suggestions) {
        this.suggestions = suggestions;
        this.work = work;
        this.audit = audit;
        this.pages = pages;
        this.handovers = handovers;
    }

    @GetMapping("/desk")
    String desk(Authentication user, Model model) {
        Actor actor = pages.actor(user);
        model.addAttribute("actor", actor);
        model.addAttribute("queues", work.queueCounts(actor));
        var triage = work.list(actor, RoutingDecision.TRIAGE, null, 0, LIST_SIZE);
        model.addAttribute("triage", triage);
        model.addAttribute("suggestions", suggestions.of(actor, triage.cases()));
        model.addAttribute("outsideArea", work.list(actor, RoutingDecision.OUTSIDE_AREA, null, 0, LIST_SIZE));
        model.addAttribute("partnerNames", pages.partnerNames());
        model.addAttribute("handovers", handovers.all());
        return "web/desk";
    }

    /** Who read or changed the case, when, and with what outcome (the same trail as {@code GET /api/audit}). */
    @GetMapping("/desk/cases/{reference}/audit")
    String audit(Authentication user, @PathVariable String reference, Model model) {
        model.addAttribute("actor", pages.actor(user));
        model.addAttribute("reference", reference);
        model.addAttribute("entries", audit.of(reference));
        return "web/audit";
    }
}
