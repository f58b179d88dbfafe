package se.stockholm.brottsofferstod.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the execution samples of a JFR recording of the benchmark, per phase (the windows that
 * {@code bench.phasesFile} recorded): the hottest methods by own time, the libraries where the time
 * is spent, the service's own methods including what they call, and the threads.
 * Usage: {@code JfrTop recording.jfr [phases.tsv] [top]}.
 */
public final class JfrTop {

    private record Window(String name, Instant from, Instant to) {
    }

    private static final class Tally {
        int samples;
        int serviceSamples;
        final Map<String, Integer> serviceLibrary = new HashMap<>();
        final Map<String, Integer> self = new HashMap<>();
        final Map<String, Integer> library = new HashMap<>();
        final Map<String, Integer> ours = new HashMap<>();
        final Map<String, Integer> threads = new HashMap<>();
    }

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        List<Window> windows = new ArrayList<>();
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                String[] f = line.split("\t");
                windows.add(new Window(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), Instant.ofEpochMilli(Long.parseLong(f[2]))));
            }
        }
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Map<String, Tally> tallies = new LinkedHashMap<>();
        windows.forEach(w -> tallies.put(w.name(), new Tally()));
        tallies.put("whole run", new Tally());

        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                String thread = threadGroup(event);
                List<Tally> into = new ArrayList<>();
                into.add(tallies.get("whole run"));
                for (Window w : windows) {
                    if (!event.getStartTime().isBefore(w.from()) && event.getStartTime().isBefore(w.to())) {
                        into.add(tallies.get(w.name()));
                    }
                }
                String self = name(frames.get(0).getMethod());
                String library = library(frames);
                Set<String> ours = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    RecordedMethod m = frame.getMethod();
                    if (m != null && m.getType().getName().startsWith("se.stockholm.brottsofferstod.")) {
                        ours.add(name(m).replace("se.stockholm.brottsofferstod.", ""));
                    }
                }
                boolean benchmarkThread = thread.equals("main") || thread.startsWith("bench-")
                        || thread.startsWith("HttpClient-");
                for (Tally t : into) {
                    t.samples++;
                    if (!benchmarkThread) {
                        t.serviceSamples++;
                        t.serviceLibrary.merge(library, 1, Integer::sum);
                    }
                    t.self.merge(self, 1, Integer::sum);
                    t.library.merge(library, 1, Integer::sum);
                    t.threads.merge(thread, 1, Integer::sum);
                    ours.forEach(o -> t.ours.merge(o, 1, Integer::sum));
                }
            }
        }
        tallies.forEach((phase, t) -> {
            if (t.samples == 0) {
                return;
            }
            System.out.printf(Locale.ROOT, "%n===== JFR execution samples: %s (%d samples) =====%n", phase, t.samples);
            print("library of the innermost non-JDK frame", t.library, t.samples, top);
            if (t.serviceSamples > 0 && t.serviceSamples < t.samples) {
                print("the same without the benchmark's own threads (main, bench-*, HttpClient-*): %d samples"
                        .formatted(t.serviceSamples), t.serviceLibrary, t.serviceSamples, top);
            }
            print("service methods, inclusive", t.ours, t.samples, top + 10);
            print("hot methods, self", t.self, t.samples, top);
            print("threads", t.threads, t.samples, 8);
        });
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println("-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(),
                        e.getKey()));
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        return m.getType().getName() + "." + m.getName();
    }

    /** The library (package, first three parts) of the innermost frame outside the JDK, or the JDK's own area. */
    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            RecordedMethod m = frame.getMethod();
            if (m == null) {
                continue;
            }
            String type = m.getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.")
                    || type.startsWith("com.sun.")) {
                continue;
            }
            String[] parts = type.split("\\.");
            return String.join(".", java.util.Arrays.copyOf(parts, Math.min(parts.length - 1, 3)));
        }
        String type = frames.get(0).getMethod() == null ? "?" : frames.get(0).getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return "(JDK only) " + String.join(".", java.util.Arrays.copyOf(parts, Math.min(parts.length - 1, 2)));
    }

    private static String threadGroup(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null ? "?" : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("[-#]?\\d+", "-N");
    }
}
