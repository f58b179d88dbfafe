package se.stockholm.brottsofferstod.web;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.stockholm.brottsofferstod.cases.CaseStatus;
import se.stockholm.brottsofferstod.cases.CaseViews;
import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.security.Actor;

/** My queue: the logged-in staff member's partner's cases, newest first, paged, by status. */
@Controller
class QueuePage {

    static final int PAGE_SIZE = 25;

    private final CaseWork work;
    private final StaffPages pages;

    QueuePage(CaseWork work, StaffPages pages) {
        this.work = work;
        this.pages = pages;
    }

    @GetMapping("/queue")
    String queue(Authentication user, @RequestParam(required = false) CaseStatus status,
                 @RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
        Actor actor = pages.actor(user);
        var cases = work.list(actor, null, status == null ? null : status.name(), Math.max(0, page), PAGE_SIZE);
        model.addAttribute("actor", actor);
        model.addAttribute("partnerName", pages.partnerNames().get(actor.partner()));
        model.addAttribute("cases", cases);
        model.addAttribute("status", status);
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("pages", (cases.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("languageNames", StaffPages.languageNames(cases.cases().stream()
                .map(CaseViews.Summary::interpreterLanguage), locale));
        return "web/queue";
    }
}
