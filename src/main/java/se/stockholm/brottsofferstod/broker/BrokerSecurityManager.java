package se.stockholm.brottsofferstod.broker;

import java.util.Map;
import java.util.Set;

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
import se.stockholm.brottsofferstod.security.UsersFile;

/**
 * Lets the embedded broker check logins against the users file, with the same passwords as over HTTP.
 * The service itself connects in-VM, which no outside client can reach, and gets the service's role.
 */
final class BrokerSecurityManager implements ActiveMQSecurityManager5 {

    private final UsersFile users;
    private final PasswordEncoder passwords;

    BrokerSecurityManager(UsersFile users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject("intake-service", BrokerRoles.SERVICE);
        }
        if (user == null || password == null) {
            return null;
        }
        return users.find(user)
                .filter(u -> passwords.matches(password, u.password()))
                .map(u -> subject(u.username(), BrokerRoles.of(u)))
                .orElse(null);
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
        return user != null && password != null
                && users.find(user).map(IntakeUser::password).filter(p -> passwords.matches(password, p)).isPresent();
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
