package se.stockholm.brottsofferstod.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.QueueWithdrawal;

/**
 * The broker's copy of the dead letters ({@code intake.dlq}): each message carries the {@code deadLetterId} of its
 * row, so that a discarded dead letter, or one whose original has been erased, leaves the queue too. The copies are
 * taken off through {@link QueueWithdrawal}, one selector at a time.
 */
@Component
class DeadLetterQueue {

    static final String QUEUE = "intake.dlq";
    static final String ID_PROPERTY = "deadLetterId";

    private final QueueWithdrawal withdrawal;

    DeadLetterQueue(QueueWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
    }

    /**
     * Takes the messages of these dead letters off the queue; how many there were. Ids that follow each other (as the
     * ones past the keep period do) go in one sweep with one selector, not one sweep per id.
     */
    int remove(Collection<Long> ids) {
        int count = 0;
        for (long[] run : runs(ids)) {
            count += withdraw(run[0] == run[1] ? ID_PROPERTY + " = " + run[0]
                    : ID_PROPERTY + " BETWEEN " + run[0] + " AND " + run[1]);
        }
        return count;
    }

    /** The ids as runs of consecutive numbers, {first, last}. */
    static List<long[]> runs(Collection<Long> ids) {
        List<long[]> runs = new ArrayList<>();
        ids.stream().sorted().distinct().forEach(id -> {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == id) {
                last[1] = id;
            } else {
                runs.add(new long[] {id, id});
            }
        });
        return runs;
    }

    /** Takes the messages put on the queue before this moment off it (their originals' keep period is over). */
    int removeOlderThan(Instant cutoff) {
        return withdraw("JMSTimestamp < " + cutoff.toEpochMilli());
    }

    private int withdraw(String selector) {
        return withdrawal.withdraw(QUEUE, selector);
    }
}
