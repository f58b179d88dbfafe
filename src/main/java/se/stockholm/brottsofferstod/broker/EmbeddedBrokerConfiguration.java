package se.stockholm.brottsofferstod.broker;

import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.security.LoginThrottle;
import se.stockholm.brottsofferstod.security.UsersFile;

/**
 * The embedded ActiveMQ Artemis broker (the default; production uses an external one): a persistent
 * journal under the data folder, a TCP acceptor on 127.0.0.1 for partner systems, the queues of the
 * contract defined up front, and the users file's rights per queue.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "intake.broker.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfiguration {

    private static final int PAGE_SIZE_BYTES = 1024 * 1024;

    /** Replaces Spring Boot's own embedded server bean, to give the broker our security manager. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedActiveMQ embeddedActiveMq(org.apache.activemq.artemis.core.config.Configuration configuration, Router router,
                                      UsersFile users, PasswordEncoder passwords, LoginThrottle throttle,
                                      @Value("${intake.broker.port}") int port,
                                      @Value("${intake.broker.max-delivery-attempts}") int maxDeliveryAttempts,
                                      @Value("${intake.broker.max-memory}") DataSize maxMemory) throws Exception {
        configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        // Messages beyond this are paged to the journal's folder instead of filling the service's heap
        // (Artemis's default is half the heap, which an unconsumed queue of 100 000 cases would take).
        configuration.setGlobalMaxSize(maxMemory.toBytes());
        // A used journal file goes back to the pool with only its header rewritten, the consumed messages' bytes still
        // in it: with no pool beyond the minimum, used files are deleted and new ones start empty, so that a compaction
        // after an erasure (BrokerJournal) leaves nothing of the withdrawn messages on disk.
        configuration.setJournalPoolFiles(configuration.getJournalMinFiles());
        configuration.setSecurityEnabled(true);
        configuration.setPopulateValidatedUser(true);
        List<String> caseQueues = router.partners().caseQueues();
        List<String> queues = new ArrayList<>(caseQueues);
        queues.addAll(List.of(BrokerRoles.REFERRALS_QUEUE, BrokerRoles.CASE_EVENTS_QUEUE, BrokerRoles.DEAD_LETTER_QUEUE));
        for (String queue : queues) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        BrokerRoles.settings(router.partners().ids(), caseQueues).forEach(configuration::putSecurityRoles);
        AddressSettings deadLetter = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerRoles.DEAD_LETTER_QUEUE))
                // Spring Boot's embedded broker defines ExpiryQueue; our messages carry no expiry, this is a guard
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(1000)
                // each queue keeps its page being written in memory: small pages keep the heap small
                .setPageSizeBytes(PAGE_SIZE_BYTES);
        configuration.addAddressSetting("#", deadLetter);
        // The dead-letter desk takes the broker's own dead letters off intake.dlq into the database; while the database
        // is down that fails, and must be tried again for as long as it takes, never dead-lettered (or dropped) itself.
        configuration.addAddressSetting(BrokerRoles.DEAD_LETTER_QUEUE, new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(5000)
                .setPageSizeBytes(PAGE_SIZE_BYTES));

        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration);
        server.setSecurityManager(new BrokerSecurityManager(users, passwords, throttle));
        return server;
    }
}
