package se.stockholm.brottsofferstod.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Turns a login (HTTP) or a validated broker user (JMS) into an {@link Actor} from the users file. */
@Component
public class Actors {

    private final UsersFile users;

    Actors(UsersFile users) {
        this.users = users;
    }

    public Actor of(Authentication authentication) {
        return byName(authentication.getName()).orElseThrow(() -> new IllegalStateException("logged-in user not in the users file"));
    }

    public Optional<Actor> byName(String username) {
        return users.find(username).map(u -> new Actor(u.username(), u.role(), u.partner()));
    }
}
