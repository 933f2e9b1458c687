package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.DerivedTablesWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the derived tables ({@code site_stats}, {@code corpus_stats}, {@code
 * duplicate_clusters}, {@code quarantine}) on a background thread at a fixed interval. Only the
 * instance that owns ingest partition 0 refreshes, so a group of instances writes them once. A
 * failed refresh is logged and retried at the next tick: the derived tables only lag, nothing is
 * lost (they are rebuilt from {@code episodes}).
 */
public final class StatisticsRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsRefresher.class);

  private final DerivedTablesWriter writer;
  private final BooleanSupplier leader;
  private final ScheduledExecutorService executor;
  private int consecutiveFailures;

  private StatisticsRefresher(
      DerivedTablesWriter writer, BooleanSupplier leader, String instanceId) {
    this.writer = writer;
    this.leader = leader;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "curation-stats-" + instanceId);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @param leader whether this instance should refresh now (owns ingest partition 0)
   */
  public static StatisticsRefresher start(
      DerivedTablesWriter writer, BooleanSupplier leader, String instanceId, Duration interval) {
    StatisticsRefresher r = new StatisticsRefresher(writer, leader, instanceId);
    long ms = interval.toMillis();
    r.executor.scheduleWithFixedDelay(r::tick, ms, ms, TimeUnit.MILLISECONDS);
    return r;
  }

  private void tick() {
    if (!leader.getAsBoolean()) {
      return;
    }
    try {
      long started = System.nanoTime();
      int folded = writer.refresh();
      consecutiveFailures = 0;
      if (folded > 0) {
        LOG.debug(
            "derived tables refreshed with {} new episode rows in {} ms",
            folded,
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (RuntimeException e) {
      consecutiveFailures++;
      LOG.warn(
          "refreshing the derived tables failed ({} in a row); they lag until the next tick: {}",
          consecutiveFailures,
          e.toString(),
          consecutiveFailures == 1 ? e : null);
    }
  }

  @Override
  public void close() {
    executor.shutdown(); // a refresh in progress finishes (it commits or leaves nothing)
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
