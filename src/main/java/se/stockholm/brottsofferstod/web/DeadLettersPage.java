package se.stockholm.brottsofferstod.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.stockholm.brottsofferstod.deadletters.DeadLetterDesk;
import se.stockholm.brottsofferstod.deadletters.DeadLetterStore;

/**
 * The desk's dead letters: what the intake refused or could not take, with channel, reason, field, time and external
 * id (never the content), to replay through the same intake or discard. The same desk as {@code /api/dead-letters}.
 */
@Controller
class DeadLettersPage {

    private static final int LIST_SIZE = 100;
    private static final String BACK = "redirect:/desk/dead-letters";

    private final DeadLetterStore store;
    private final DeadLetterDesk desk;
    private final StaffPages pages;

    DeadLettersPage(DeadLetterStore store, DeadLetterDesk desk, StaffPages pages) {
        this.store = store;
        this.desk = desk;
        this.pages = pages;
    }

    @GetMapping("/desk/dead-letters")
    String list(Authentication user, Model model) {
        model.addAttribute("actor", pages.actor(user));
        model.addAttribute("deadLetters", store.list(null, LIST_SIZE));
        return "web/dead-letters";
    }

    @PostMapping("/desk/dead-letters/{id}/replay")
    String replay(Authentication user, @PathVariable long id, RedirectAttributes flash) {
        desk.replay(id, pages.actor(user)).ifPresentOrElse(outcome -> {
            flash.addFlashAttribute("notice", outcome.taken() ? "deadLetters.replayed" : "deadLetters.notReplayed");
            flash.addFlashAttribute("outcome", outcome.outcome());
            flash.addFlashAttribute("noticeCase", outcome.caseReference() == null ? "" : outcome.caseReference());
        }, () -> flash.addFlashAttribute("notice", "deadLetters.gone"));
        return BACK;
    }

    @PostMapping("/desk/dead-letters/{id}/discard")
    String discard(Authentication user, @PathVariable long id, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", desk.discard(id, pages.actor(user)) ? "deadLetters.discarded" : "deadLetters.gone");
        return BACK;
    }
}
