package se.stockholm.brottsofferstod.deadletters;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.stockholm.brottsofferstod.intake.Problems;
import se.stockholm.brottsofferstod.security.Actors;

/** The coordinator's dead-letter desk over HTTP: list, replay, discard. */
@RestController
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterStore store;
    private final DeadLetterDesk desk;
    private final Actors actors;

    DeadLetterController(DeadLetterStore store, DeadLetterDesk desk, Actors actors) {
        this.store = store;
        this.desk = desk;
        this.actors = actors;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetter> list(@RequestParam(required = false) String source, @RequestParam(defaultValue = "100") int limit) {
        return store.list(source, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @GetMapping("/api/dead-letters/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
    }

    /** 200 when the intake took it (ACCEPTED, DUPLICATE, NO_CONSENT), 422 when refused again, 409 when it cannot be replayed. */
    @PostMapping("/api/dead-letters/{id}/replay")
    ResponseEntity<?> replay(@PathVariable long id, Authentication authentication) {
        return desk.replay(id, actors.of(authentication)).<ResponseEntity<?>>map(outcome -> {
            if (outcome.taken()) {
                return ResponseEntity.ok(outcome);
            }
            int status = switch (outcome.outcome()) {
                case "REFUSED" -> 422;
                case "FAILED" -> 503;
                default -> 409;
            };
            Map<String, Object> problem = Problems.body(status, outcome.detail(), null);
            problem.put("outcome", outcome.outcome());
            return problem(status, problem);
        }).orElseGet(() -> notFound(id));
    }

    @DeleteMapping("/api/dead-letters/{id}")
    ResponseEntity<?> discard(@PathVariable long id, Authentication authentication) {
        return desk.discard(id, actors.of(authentication)) ? ResponseEntity.noContent().build() : notFound(id);
    }

    private static ResponseEntity<?> notFound(long id) {
        return problem(404, Problems.body(404, "There is no dead letter " + id, null));
    }

    private static ResponseEntity<?> problem(int status, Map<String, Object> problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
