package se.stockholm.brottsofferstod.web;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.stockholm.brottsofferstod.cases.Action;
import se.stockholm.brottsofferstod.cases.CaseRequests;
import se.stockholm.brottsofferstod.cases.CaseRuleException;
import se.stockholm.brottsofferstod.cases.CaseViews;
import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.cases.ContactAttempt;
import se.stockholm.brottsofferstod.cases.InvalidCaseRequestException;
import se.stockholm.brottsofferstod.cases.NotReachedRule;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Role;

/**
 * The case: what the person wrote, routing, offence, attempts, actions, links, closing and history. Every view and
 * change goes through {@link CaseWork}, which holds the rules and audits, exactly as for the staff API; a case the
 * user may not see is "not found" there, and a plain 404 page here.
 */
@Controller
class CasePage {

    static final String NOT_REACHED = "NOT_REACHED";
    private static final String[] CLOSE_OUTCOMES = {"SUPPORT_GIVEN", NOT_REACHED, "DECLINED", "LINKED"};

    private final CaseWork work;
    private final StaffPages pages;
    private final Handovers handovers;

    CasePage(CaseWork work, StaffPages pages, Handovers handovers) {
        this.work = work;
        this.pages = pages;
        this.handovers = handovers;
    }

    @GetMapping("/cases/{reference}")
    String show(Authentication user, @PathVariable String reference, Locale locale, Model model) {
        Actor actor = pages.actor(user);
        CaseViews.Details details = work.get(actor, reference);
        model.addAttribute("actor", actor);
        model.addAttribute("coordinator", actor.role() == Role.COORDINATOR);
        model.addAttribute("c", details);
        model.addAttribute("rule", NotReachedRule.of(details.attempts()));
        model.addAttribute("partnerNames", pages.partnerNames());
        model.addAttribute("special", StaffPages.isSpecialQueue(details.partner()));
        model.addAttribute("handovers", handovers.all());
        model.addAttribute("agreementNames", pages.agreementNames());
        model.addAttribute("channels", ContactAttempt.Channel.values());
        model.addAttribute("outcomes", ContactAttempt.Outcome.values());
        model.addAttribute("actionTypes", Action.Type.values());
        model.addAttribute("closeOutcomes", CLOSE_OUTCOMES);
        model.addAttribute("now", pages.nowForInput());
        model.addAttribute("languageNames", StaffPages.languageNames(Stream.of(details.person().preferredLanguage()), locale));
        return "web/case";
    }

    @PostMapping("/cases/{reference}/attempts")
    String attempt(Authentication user, @PathVariable String reference, @RequestParam(required = false) String at,
                   @RequestParam String channel, @RequestParam String outcome, RedirectAttributes flash) {
        return change(reference, flash, "notice.attempt", () -> work.recordAttempt(pages.actor(user), reference,
                new CaseRequests.Attempt(pages.stockholmTime(at, "at"), channel, outcome)));
    }

    @PostMapping("/cases/{reference}/actions")
    String action(Authentication user, @PathVariable String reference, @RequestParam(required = false) String at,
                  @RequestParam String type, RedirectAttributes flash) {
        return change(reference, flash, "notice.action", () -> work.recordAction(pages.actor(user), reference,
                new CaseRequests.ActionTaken(pages.stockholmTime(at, "at"), type)));
    }

    @PostMapping("/cases/{reference}/links")
    String link(Authentication user, @PathVariable String reference, @RequestParam String to,
                @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return change(reference, flash, "notice.link", () -> work.link(pages.actor(user), reference,
                new CaseRequests.LinkTo(to, reason == null || reason.isBlank() ? null : reason.strip(), null)));
    }

    @PostMapping("/cases/{reference}/close")
    String close(Authentication user, @PathVariable String reference, @RequestParam(required = false) String at,
                 @RequestParam String outcome, RedirectAttributes flash) {
        String view = change(reference, flash, "notice.close", () -> work.close(pages.actor(user), reference,
                new CaseRequests.Close(pages.stockholmTime(at, "at"), outcome)));
        // the case page then explains the attempt rule and what is missing, if that is what refused it
        flash.addFlashAttribute("notReachedRefused", NOT_REACHED.equals(outcome) && flash.getFlashAttributes().containsKey("refusal")
                && !flash.getFlashAttributes().containsKey("invalidField"));
        return view;
    }

    /** The coordinator gives a triage case to a partner, or hands a case from outside the city over under an agreement. */
    @PostMapping("/cases/{reference}/assign")
    String assign(Authentication user, @PathVariable String reference, @RequestParam(required = false) String partner,
                  @RequestParam(required = false) String handover, @RequestParam(defaultValue = "case") String back,
                  RedirectAttributes flash) {
        String to = handover == null || handover.isBlank() ? partner
                : handovers.byId(handover).map(Handovers.Handover::partner).orElse(null);
        String view = change(reference, flash, handover == null || handover.isBlank() ? "notice.assign" : "notice.handover",
                () -> work.assign(pages.actor(user), reference, new CaseRequests.Assign(to)));
        handovers.byId(handover == null ? "" : handover).ifPresent(h -> flash.addFlashAttribute("handedOverTo", h.municipality()));
        flash.addFlashAttribute("assignedTo", pages.partnerNames().get(to));
        return "desk".equals(back) ? "redirect:/desk" : view;
    }

    /**
     * Applies a change and goes back to the case (post, redirect, get): a refusal by a rule or a field that is wrong
     * is shown there, in the user's language where the pages know the rule and as the rule says it otherwise.
     */
    private static String change(String reference, RedirectAttributes flash, String notice, Supplier<CaseViews.Details> work) {
        try {
            work.get();
            flash.addFlashAttribute("notice", notice);
            flash.addFlashAttribute("noticeCase", reference);
        } catch (CaseRuleException e) {
            flash.addFlashAttribute("refusal", e.getMessage());
            flash.addFlashAttribute("refusedCase", reference);
        } catch (InvalidCaseRequestException e) {
            flash.addFlashAttribute("invalidField", e.field());
            flash.addFlashAttribute("refusal", e.getMessage());
            flash.addFlashAttribute("refusedCase", reference);
        }
        // the path variable is expanded and encoded by the redirect, never pasted into the Location header as given
        return "redirect:/cases/{reference}";
    }
}
