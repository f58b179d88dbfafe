package se.stockholm.brottsofferstod.intake;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transactions the routes name in their {@code transacted} steps. The JMS transaction manager is no bean of its
 * own: the database's stays the application's only one (Spring Boot backs off its own when it sees another).
 */
@Configuration(proxyBeanMethods = false)
class Transactions {

    /** An outbox relay's database transaction: the rows it claimed stay locked until they are sent and marked. */
    @Bean
    SpringTransactionPolicy outboxTransaction(PlatformTransactionManager database) {
        return policy(database, "PROPAGATION_REQUIRED");
    }

    /** A database transaction of its own for the steps after it: the dead letter channel's records (intake-dead-letter). */
    @Bean
    SpringTransactionPolicy databaseTransaction(PlatformTransactionManager database) {
        return policy(database, "PROPAGATION_REQUIRED");
    }

    /**
     * A JMS transaction for the steps after it: one per block of case messages (case-dispatch-send), committed
     * before the relay deletes their outbox rows, and one per delivery of dead letters (intake-dead-letter-send),
     * which joins the transaction of a queue delivery being refused, so both commit together; for a file, a mail or
     * an HTTP request it is one of its own, committed before the source is acknowledged. (Not REQUIRES_NEW: Camel's
     * transaction error handler would then begin a new transaction at every step.)
     */
    @Bean
    SpringTransactionPolicy jmsTransaction(ConnectionFactory connectionFactory) {
        return policy(new JmsTransactionManager(connectionFactory), "PROPAGATION_REQUIRED");
    }

    private static SpringTransactionPolicy policy(PlatformTransactionManager manager, String propagation) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(manager);
        policy.setPropagationBehaviorName(propagation);
        return policy;
    }
}
