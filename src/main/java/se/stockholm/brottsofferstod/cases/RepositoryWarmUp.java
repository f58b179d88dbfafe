package se.stockholm.brottsofferstod.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/**
 * The case store's JPA repositories start lazily ({@code spring.data.jpa.repositories.bootstrap-mode: lazy}): checking
 * their queries (Spring Data's and Hibernate's query parsers, cold) takes about two seconds of CPU, which the service's
 * start no longer waits for. Once the service is ready they are made on a thread of their own, so that the first
 * request that needs one seldom has to.
 */
@Component
class RepositoryWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RepositoryWarmUp.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        Thread warmUp = new Thread(() -> {
            try {
                log.debug("Made {} repositories", context.getBeansOfType(Repository.class).size());
            } catch (RuntimeException e) {
                // the service is stopping already (or a repository cannot be made, which its first use reports)
                log.debug("Repositories not made ahead: {}", e.toString());
            }
        }, "repository-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
