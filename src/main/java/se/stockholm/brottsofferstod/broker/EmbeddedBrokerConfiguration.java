package se.stockholm.brottsofferstod.broker;

import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
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
    static final int DUPLICATE_ID_CACHE_SIZE = 100_000;

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
        applyContract(configuration, router.partners().ids(), router.partners().caseQueues(), maxDeliveryAttempts);

        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration);
        server.setSecurityManager(new BrokerSecurityManager(users, passwords, throttle));
        return server;
    }

    /**
     * What the contract asks of any broker the service uses (sections 4 and 7): its queues, the rights per queue,
     * the validated user on every message, the duplicate-id cache, dead letters, expiry and paging. The external
     * broker's deploy/artemis/broker.xml says the same; BrokerXmlTests holds the two together.
     */
    static void applyContract(org.apache.activemq.artemis.core.config.Configuration configuration, List<String> partnerIds,
                              List<String> caseQueues, int maxDeliveryAttempts) {
        configuration.setSecurityEnabled(true);
        configuration.setPopulateValidatedUser(true);
        // _AMQ_DUPL_ID: the ids remembered per address, enough for a batch of 100 000 cases sent again after a crash
        configuration.setIDCacheSize(DUPLICATE_ID_CACHE_SIZE);
        configuration.setPersistIDCache(true);
        List<String> queues = new ArrayList<>(caseQueues);
        queues.addAll(List.of(BrokerRoles.REFERRALS_QUEUE, BrokerRoles.CASE_EVENTS_QUEUE, BrokerRoles.DEAD_LETTER_QUEUE));
        for (String queue : queues) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        }
        BrokerRoles.settings(partnerIds, caseQueues).forEach(configuration::putSecurityRoles);
        AddressSettings deadLetter = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerRoles.DEAD_LETTER_QUEUE))
                // Spring Boot's embedded broker defines ExpiryQueue; our messages carry no expiry, this is a guard
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(1000)
                // beyond the memory limit messages are paged to disk; each queue keeps its page being written in memory:
                // small pages keep the heap small
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setPageSizeBytes(PAGE_SIZE_BYTES);
        configuration.addAddressSetting("#", deadLetter);
        // The dead-letter desk takes the broker's own dead letters off intake.dlq into the database; while the database
        // is down that fails, and must be tried again for as long as it takes, never dead-lettered (or dropped) itself.
        configuration.addAddressSetting(BrokerRoles.DEAD_LETTER_QUEUE, new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(5000)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setPageSizeBytes(PAGE_SIZE_BYTES));
    }
}
