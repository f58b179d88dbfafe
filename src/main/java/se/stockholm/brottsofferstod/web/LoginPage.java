package se.stockholm.brottsofferstod.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import se.stockholm.brottsofferstod.security.Role;

/** The login form, and the start page each role lands on after it. */
@Controller
class LoginPage {

    private final StaffPages pages;

    LoginPage(StaffPages pages) {
        this.pages = pages;
    }

    @GetMapping("/login")
    String login() {
        return "web/login";
    }

    @GetMapping("/")
    String start(Authentication user) {
        return pages.actor(user).role() == Role.COORDINATOR ? "redirect:/desk" : "redirect:/queue";
    }
}
