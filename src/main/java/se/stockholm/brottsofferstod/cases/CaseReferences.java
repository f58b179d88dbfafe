package se.stockholm.brottsofferstod.cases;

import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case references {@code BO-<year>-<number>}: unique and increasing per year, safe across
 * threads and application instances because the counter row is locked by the update. Each block is
 * taken in its own short transaction so that intakes do not queue behind each other's inserts.
 */
@Component
class CaseReferences {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    CaseReferences(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    List<String> next(int year, int count) {
        if (count == 0) {
            return List.of();
        }
        Long last = ownTransaction.execute(status -> advance(year, count));
        if (last == null) {
            createCounter(year);
            last = ownTransaction.execute(status -> advance(year, count));
        }
        List<String> references = new ArrayList<>(count);
        for (long n = last - count + 1; n <= last; n++) {
            references.add(format(year, n));
        }
        return references;
    }

    static String format(int year, long number) {
        return "BO-%d-%06d".formatted(year, number);
    }

    private Long advance(int year, int count) {
        int updated = jdbc.update("UPDATE case_counter SET last_number = last_number + ? WHERE counter_year = ?", count, year);
        if (updated == 0) {
            return null;
        }
        return jdbc.queryForObject("SELECT last_number FROM case_counter WHERE counter_year = ?", Long.class, year);
    }

    private void createCounter(int year) {
        try {
            ownTransaction.executeWithoutResult(status ->
                    jdbc.update("INSERT INTO case_counter (counter_year, last_number) VALUES (?, 0)", year));
        } catch (DuplicateKeyException anotherThreadWasFirst) {
            // the row exists now, which is all we need
        }
    }
}
