package se.stockholm.brottsofferstod.broker;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.stockholm.brottsofferstod.security.IntakeUser;
import se.stockholm.brottsofferstod.security.LoginThrottle;
import se.stockholm.brottsofferstod.security.UsersFile;

/**
 * Lets the embedded broker check logins against the users file, with the same passwords as over HTTP.
 * The service itself connects in-VM, which no outside client can reach, and gets the service's role.
 */
final class BrokerSecurityManager implements ActiveMQSecurityManager5 {

    private final UsersFile users;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    /** Checked for a user that does not exist, so that an unknown name costs the same time as a wrong password. */
    private final String unknownUsersHash;

    BrokerSecurityManager(UsersFile users, PasswordEncoder passwords, LoginThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.unknownUsersHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject("intake-service", BrokerRoles.SERVICE);
        }
        String address = connection == null ? null : LoginThrottle.hostOf(connection.getRemoteAddress());
        if (throttle.blocked(user, address)) {
            return null;
        }
        Optional<IntakeUser> known = checked(user, password);
        if (known.isEmpty()) {
            throttle.failed(user, address);
            return null;
        }
        throttle.succeeded(user);
        return subject(known.get().username(), BrokerRoles.of(known.get()));
    }

    /** The user if the password is theirs; always one full password check, whether the user exists or not. */
    private Optional<IntakeUser> checked(String user, String password) {
        Optional<IntakeUser> found = user == null ? Optional.empty() : users.find(user);
        String hash = found.map(IntakeUser::password).orElse(unknownUsersHash);
        boolean matches = password != null && passwords.matches(password, hash);
        return matches ? found : Optional.empty();
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<String> held = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(java.util.stream.Collectors.toSet());
        return roles.stream().anyMatch(role -> held.contains(role.getName()) && checkType.hasRole(role));
    }

    @Override
    public boolean validateUser(String user, String password) {
        return checked(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Subject subject = authenticate(user, password, null, null);
        return authorize(subject, roles, checkType, null);
    }

    @Override
    public ActiveMQSecurityManager5 init(Map<String, String> properties) {
        return this;
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }
}
