package se.stockholm.brottsofferstod.intake;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Progress lines for a long job (demo data, retention, statistics recount): how many of how many, and an estimate
 * of the time left from the pace so far, at most one line every {@link #EVERY_NANOS}, and one when it ends. Counts
 * and the job's name only, never what is worked on.
 */
public final class Progress {

    static final long EVERY_NANOS = 10_000_000_000L;

    private final String job;
    private final String unit;
    private final long total;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private final long started;
    private long lastLine;
    private long done;

    Progress(String job, String unit, long total, LongSupplier nanoTime, Consumer<String> out) {
        this.job = job;
        this.unit = unit;
        this.total = total;
        this.nanoTime = nanoTime;
        this.out = out;
        this.started = nanoTime.getAsLong();
        this.lastLine = started;
    }

    /** @param unit what is counted, plural ({@code cases}, {@code days}) */
    public static Progress of(Logger log, String job, String unit, long total) {
        return new Progress(job, unit, total, System::nanoTime, log::info);
    }

    /** One more done. */
    public void step() {
        done++;
        long now = nanoTime.getAsLong();
        if (done < total && now - lastLine >= EVERY_NANOS) {
            lastLine = now;
            long elapsed = now - started;
            long left = done == 0 ? 0 : elapsed / done * (total - done);
            out.accept(String.format(Locale.ROOT, "%s: %d of %d %s (%d %%), about %s left", job, done, total, unit,
                    done * 100 / total, seconds(left)));
        }
    }

    /** The closing line, when the job took long enough to have shown progress. */
    public void finish() {
        long elapsed = nanoTime.getAsLong() - started;
        if (elapsed >= EVERY_NANOS) {
            out.accept(String.format(Locale.ROOT, "%s: %d of %d %s done in %s", job, done, total, unit, seconds(elapsed)));
        }
    }

    private static String seconds(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return seconds < 120 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }
}
