package se.stockholm.brottsofferstod.broker;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.Role;

import se.stockholm.brottsofferstod.security.IntakeUser;

/**
 * Who may do what on which queue (contract section 7): the police send referrals, each partner's system
 * consumes only its own case queue and reports on {@code case-events}, the coordinator browses every
 * case queue and the dead-letter queue, and only the service itself does anything else.
 */
final class BrokerRoles {

    static final String SERVICE = "intake-service";
    static final String POLICE = "police";
    static final String COORDINATOR = "coordinator";
    static final String REFERRALS_QUEUE = "referrals.police";
    static final String CASE_EVENTS_QUEUE = "case-events";
    static final String DEAD_LETTER_QUEUE = "intake.dlq";

    private BrokerRoles() {
    }

    static String partner(String partnerId) {
        return "partner:" + partnerId;
    }

    /** The broker role of a user of the users file; users without broker rights get one that matches nothing. */
    static String of(IntakeUser user) {
        return switch (user.role()) {
            case POLICE -> POLICE;
            case COORDINATOR -> COORDINATOR;
            case PARTNER_SYSTEM -> partner(user.partner());
            default -> "none";
        };
    }

    /** Security settings by address match: the service everywhere, the outside users exactly where they may. */
    static Map<String, Set<Role>> settings(List<String> partnerIds, List<String> caseQueues) {
        Map<String, Set<Role>> settings = new java.util.LinkedHashMap<>();
        settings.put("#", Set.of(service()));
        settings.put(REFERRALS_QUEUE, Set.of(service(), role(POLICE, true, false, false)));
        Set<Role> caseEvents = new HashSet<>(Set.of(service()));
        partnerIds.forEach(p -> caseEvents.add(role(partner(p), true, false, false)));
        settings.put(CASE_EVENTS_QUEUE, caseEvents);
        settings.put(DEAD_LETTER_QUEUE, Set.of(service(), role(COORDINATOR, false, false, true)));
        for (String queue : caseQueues) {
            Set<Role> roles = new HashSet<>(Set.of(service(), role(COORDINATOR, false, false, true)));
            partnerIds.stream().filter(p -> queue.equals("cases." + p))
                    .forEach(p -> roles.add(role(partner(p), false, true, true)));
            settings.put(queue, roles);
        }
        return settings;
    }

    private static Role service() {
        Role role = role(SERVICE, true, true, true);
        role.setCreateAddress(true);
        role.setCreateDurableQueue(true);
        role.setCreateNonDurableQueue(true);
        role.setDeleteNonDurableQueue(true);
        return role;
    }

    private static Role role(String name, boolean send, boolean consume, boolean browse) {
        Role role = new Role();
        role.setName(name);
        role.setSend(send);
        role.setConsume(consume);
        role.setBrowse(browse);
        return role;
    }
}
