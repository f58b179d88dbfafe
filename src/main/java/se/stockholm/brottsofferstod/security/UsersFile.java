package se.stockholm.brottsofferstod.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The users and their roles, read from the YAML file named by {@code intake.security.users-file}; no
 * file means no users, so every protected endpoint answers 401 and the broker admits nobody from outside.
 */
public final class UsersFile {

    private static final Logger log = LoggerFactory.getLogger(UsersFile.class);

    private final List<IntakeUser> users;

    private UsersFile(List<IntakeUser> users) {
        this.users = List.copyOf(users);
    }

    public static UsersFile none() {
        return new UsersFile(List.of());
    }

    public static UsersFile load(Path file) {
        return load(file, null, true);
    }

    /**
     * @param partnerIds  the partners of the routing data; a STAFF or PARTNER_SYSTEM user of another partner is
     *                    refused outside development ({@code null}: not checked)
     * @param development whether plain-text ({@code {noop}}) passwords and unknown partners are let through with a
     *                    warning (tests, a developer's machine) instead of refused
     */
    public static UsersFile load(Path file, Set<String> partnerIds, boolean development) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, partnerIds, development);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file, e);
        }
    }

    static UsersFile parse(InputStream yaml) {
        return parse(yaml, null, true);
    }

    @SuppressWarnings("unchecked")
    static UsersFile parse(InputStream yaml, Set<String> partnerIds, boolean development) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        List<IntakeUser> users = new ArrayList<>();
        if (root != null && root.get("users") != null) {
            for (Map<String, Object> entry : (List<Map<String, Object>>) root.get("users")) {
                String username = required(entry, "username", users.size());
                Role role = Role.valueOf(required(entry, "role", users.size()));
                String partner = (String) entry.get("partner");
                if ((role == Role.STAFF || role == Role.PARTNER_SYSTEM) && partner == null) {
                    throw new IllegalArgumentException("users file: user " + username + " with role " + role + " needs a partner");
                }
                if (partner != null && partnerIds != null && !partnerIds.contains(partner)) {
                    refuseOrWarn(development, "user " + username + " has the partner " + partner
                            + ", which is not in the routing data's partners");
                }
                String password = required(entry, "password", users.size());
                if (password.startsWith("{noop}")) {
                    refuseOrWarn(development, "user " + username + " has a plain-text ({noop}) password; use a bcrypt hash");
                }
                String apiKey = (String) entry.get("apiKey");
                if (apiKey != null && !apiKey.matches("\\{sha256}[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("users file: user " + username + " has an apiKey not of the form {sha256}<64 hex digits>");
                }
                users.add(new IntakeUser(username, password, role, partner, apiKey));
            }
        }
        return new UsersFile(users);
    }

    private static void refuseOrWarn(boolean development, String problem) {
        if (!development) {
            throw new IllegalArgumentException("users file: " + problem + " (allowed only in the dev profile)");
        }
        log.warn("Users file: {} (allowed only in development)", problem);
    }

    private static String required(Map<String, Object> entry, String key, int index) {
        Object value = entry.get(key);
        if (value == null) {
            throw new IllegalArgumentException("users file: entry " + (index + 1) + " has no " + key);
        }
        return value.toString();
    }

    public List<IntakeUser> users() {
        return users;
    }

    public Optional<IntakeUser> find(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }
}
