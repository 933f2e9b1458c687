package dev.tributary.loadtest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Samples this JVM's heap: the heap used right after the latest garbage collection (from GC
 * notifications; what survives, so a leak shows as a rising floor) plus the current used and
 * committed heap, every {@code period}.
 */
public final class HeapSampler implements AutoCloseable {
  /** One sample; sizes in bytes. */
  public record Sample(
      long epochMillis, long usedAfterLastGc, long used, long committed, long gcCount) {
    public String line() {
      return "HEAP "
          + epochMillis
          + " "
          + usedAfterLastGc
          + " "
          + used
          + " "
          + committed
          + " "
          + gcCount;
    }

    public static Sample parse(String line) {
      String[] f = line.trim().split(" ");
      return new Sample(
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          Long.parseLong(f[3]),
          Long.parseLong(f[4]),
          Long.parseLong(f[5]));
    }
  }

  private final AtomicLong afterGc = new AtomicLong(-1);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
          });

  public HeapSampler(long periodMillis, Consumer<Sample> sink) {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  return;
                }
                Map<String, MemoryUsage> after =
                    GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData())
                        .getGcInfo()
                        .getMemoryUsageAfterGc();
                afterGc.set(
                    after.entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed())
                        .sum());
              },
              null,
              null);
    }
    timer.scheduleAtFixedRate(
        () -> sink.accept(sample()), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private Sample sample() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long gcs =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .mapToLong(GarbageCollectorMXBean::getCollectionCount)
            .sum();
    return new Sample(
        System.currentTimeMillis(), afterGc.get(), heap.getUsed(), heap.getCommitted(), gcs);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
