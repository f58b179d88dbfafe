package se.stockholm.brottsofferstod.cases;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import se.stockholm.brottsofferstod.security.Actors;

/**
 * A person's rights for the coordinator: {@code POST /api/persons/export} and {@code POST /api/persons/erase} with
 * {@code {"personnummer": ...}}, {@code {"phone": ...}} or {@code {"email": ...}}. POST, so that the identifier never
 * stands in a URL (access logs, proxies).
 */
@RestController
@RequestMapping("/api/persons")
class PersonController {

    private final PersonRights rights;
    private final Actors actors;

    PersonController(PersonRights rights, Actors actors) {
        this.rights = rights;
        this.actors = actors;
    }

    @PostMapping("/export")
    PersonRights.Export export(Authentication user, @RequestBody PersonRights.Subject subject) {
        return rights.export(actors.of(user), subject);
    }

    @PostMapping("/erase")
    Map<String, List<String>> erase(Authentication user, @RequestBody PersonRights.Subject subject) {
        return Map.of("erasedCases", rights.erase(actors.of(user), subject));
    }
}
