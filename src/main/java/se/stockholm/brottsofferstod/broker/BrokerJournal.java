package se.stockholm.brottsofferstod.broker;

import org.apache.activemq.artemis.core.journal.Journal;
import org.apache.activemq.artemis.core.paging.PagingManager;
import org.apache.activemq.artemis.core.persistence.StorageManager;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.PersonalDataErased;

/**
 * Makes the embedded broker forget what was withdrawn from its queues. A consumed message stays in the journal's
 * files, byte for byte, until the journal is compacted; after an erasure or a dead letter's keep period that would
 * keep personal data on disk. So after each erasure the message journal is compacted: its live records
 * go to fresh files and the old files are deleted (the broker keeps no pool of used files, see
 * {@link EmbeddedBrokerConfiguration}); pages whose messages are all gone are cleaned up.
 */
@Component
@ConditionalOnProperty(name = "intake.broker.embedded", havingValue = "true", matchIfMissing = true)
public class BrokerJournal {

    private static final Logger log = LoggerFactory.getLogger(BrokerJournal.class);
    private static final int COMPACT_TIMEOUT_SECONDS = 300;

    private final EmbeddedActiveMQ broker;

    BrokerJournal(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    @EventListener
    void afterErasure(PersonalDataErased erased) {
        if (erased.count() > 0) {
            compact(erased.what());
        }
    }

    /** Compacts the message journal and cleans up the pages; false (and logged) when it could not. */
    public synchronized boolean compact(String why) {
        ActiveMQServer server = broker.getActiveMQServer();
        if (server == null || !server.isActive()) {
            return false;
        }
        try {
            StorageManager storage = server.getStorageManager();
            Journal messages = storage.getMessageJournal();
            // the deletes of the withdrawn messages are on disk before the compaction copies what still lives
            messages.flush();
            messages.scheduleCompactAndBlock(COMPACT_TIMEOUT_SECONDS);
            PagingManager paging = server.getPagingManager();
            if (paging != null) {
                for (var address : paging.getStoreNames()) {
                    var store = paging.getPageStore(address);
                    if (store != null && store.getCursorProvider() != null) {
                        store.getCursorProvider().scheduleCleanup().get();
                    }
                }
            }
            log.info("Broker journal compacted after {}", why);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Broker journal not compacted after {} ({}); withdrawn messages stay on disk until its next compaction",
                    why, e.toString());
            return false;
        }
    }
}
