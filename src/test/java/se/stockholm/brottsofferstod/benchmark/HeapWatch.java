package se.stockholm.brottsofferstod.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

/**
 * Heap and CPU bookkeeping of the benchmark's JVM: the heap used after each collection (from the GC
 * notifications), the committed heap, GC time and process CPU time, overall and per phase.
 */
final class HeapWatch {

    /** What one phase cost: CPU time of the whole process, GC, and the heap it needed. */
    record PhaseCost(String name, double cpuSeconds, long gcCount, long gcMillis, long maxUsedAfterGc, long maxCommitted,
                     long maxUsedSampled) {
    }

    private final Set<String> heapPools;
    private final OperatingSystemMXBean os;
    private volatile long maxUsedAfterGc;
    private volatile long maxCommitted;
    private volatile long maxUsedSampled;
    private volatile long phaseMaxUsedAfterGc;
    private volatile long phaseMaxCommitted;
    private volatile long phaseMaxUsedSampled;
    private String phase;
    private long phaseCpu;
    private long phaseGcCount;
    private long phaseGcMillis;

    HeapWatch() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        afterGc(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void afterGc(GarbageCollectionNotificationInfo info) {
        if (info.getGcName().contains("Concurrent")) {
            return; // a concurrent cycle's "after" is not a collection's result
        }
        long used = 0;
        long committed = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
                committed += pool.getValue().getCommitted();
            }
        }
        maxUsedAfterGc = Math.max(maxUsedAfterGc, used);
        phaseMaxUsedAfterGc = Math.max(phaseMaxUsedAfterGc, used);
        maxCommitted = Math.max(maxCommitted, committed);
        phaseMaxCommitted = Math.max(phaseMaxCommitted, committed);
    }

    private synchronized void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        maxUsedSampled = Math.max(maxUsedSampled, heap.getUsed());
        phaseMaxUsedSampled = Math.max(phaseMaxUsedSampled, heap.getUsed());
        maxCommitted = Math.max(maxCommitted, heap.getCommitted());
        phaseMaxCommitted = Math.max(phaseMaxCommitted, heap.getCommitted());
    }

    synchronized void begin(String name) {
        sample();
        phase = name;
        phaseCpu = os.getProcessCpuTime();
        phaseGcCount = gcCount();
        phaseGcMillis = gcMillis();
        phaseMaxUsedAfterGc = 0;
        phaseMaxCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        phaseMaxUsedSampled = 0;
    }

    synchronized PhaseCost end() {
        sample();
        return new PhaseCost(phase, (os.getProcessCpuTime() - phaseCpu) / 1e9, gcCount() - phaseGcCount,
                gcMillis() - phaseGcMillis, phaseMaxUsedAfterGc, phaseMaxCommitted, phaseMaxUsedSampled);
    }

    long maxUsedAfterGc() {
        return maxUsedAfterGc;
    }

    long maxCommitted() {
        return maxCommitted;
    }

    long maxUsedSampled() {
        return maxUsedSampled;
    }

    long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .filter(c -> c > 0).sum();
    }

    long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(c -> c > 0).sum();
    }

    double loadAverage() {
        return os.getSystemLoadAverage();
    }

    /** The top of a class histogram of the live heap (a full GC), through the DiagnosticCommand MBean: no attach. */
    static String histogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.join("\n", java.util.Arrays.asList(String.valueOf(text).split("\n")).subList(0,
                    Math.min(lines, String.valueOf(text).split("\n").length)));
        } catch (Exception e) {
            return "no class histogram: " + e;
        }
    }

    static String mb(long bytes) {
        return "%.0f MB".formatted(bytes / 1024.0 / 1024.0);
    }
}
