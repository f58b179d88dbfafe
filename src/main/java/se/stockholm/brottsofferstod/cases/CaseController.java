package se.stockholm.brottsofferstod.cases;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.stockholm.brottsofferstod.security.Actors;

/** The staff API (contract section 5): thin over {@link CaseWork}, which holds the rules. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final CaseWork work;
    private final Actors actors;

    CaseController(CaseWork work, Actors actors) {
        this.work = work;
        this.actors = actors;
    }

    @GetMapping
    CaseViews.Page list(Authentication user, @RequestParam(required = false) String partner,
                        @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "50") int size) {
        return work.list(actors.of(user), partner, status, page, size);
    }

    @GetMapping("/{reference}")
    CaseViews.Details get(Authentication user, @PathVariable String reference) {
        return work.get(actors.of(user), reference);
    }

    @PostMapping("/{reference}/contact-attempts")
    CaseViews.Details attempt(Authentication user, @PathVariable String reference, @RequestBody CaseRequests.Attempt body) {
        return work.recordAttempt(actors.of(user), reference, body);
    }

    @PostMapping("/{reference}/actions")
    CaseViews.Details action(Authentication user, @PathVariable String reference, @RequestBody CaseRequests.ActionTaken body) {
        return work.recordAction(actors.of(user), reference, body);
    }

    @PostMapping("/{reference}/links")
    CaseViews.Details link(Authentication user, @PathVariable String reference, @RequestBody CaseRequests.LinkTo body) {
        return work.link(actors.of(user), reference, body);
    }

    @PostMapping("/{reference}/close")
    CaseViews.Details close(Authentication user, @PathVariable String reference, @RequestBody CaseRequests.Close body) {
        return work.close(actors.of(user), reference, body);
    }

    @PostMapping("/{reference}/assign")
    CaseViews.Details assign(Authentication user, @PathVariable String reference, @RequestBody CaseRequests.Assign body) {
        return work.assign(actors.of(user), reference, body);
    }
}
