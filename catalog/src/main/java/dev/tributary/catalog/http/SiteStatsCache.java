package dev.tributary.catalog.http;

import dev.tributary.catalog.query.CorpusTotals;
import dev.tributary.catalog.query.SiteStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Serves per-site statistics to any number of dashboards for the cost of one table scan per {@code
 * ttl}: a fresh result is reused, concurrent callers share the scan in flight, and the scan runs on
 * a worker thread, never on the event loop. Also exports the latest totals as gauges.
 */
public final class SiteStatsCache {

  private final Supplier<List<SiteStats>> query;
  private final Duration ttl;
  private final WorkerExecutor executor;
  private final Clock clock;
  private final Timer scanTimer;
  private final AtomicReference<CorpusTotals> latestTotals =
      new AtomicReference<>(CorpusTotals.of(List.of()));

  private SitesReport cached;
  private long cachedAtMillis;
  private Future<SitesReport> inFlight;

  /**
   * @param query the scan; called from a worker thread, one call at a time
   */
  public SiteStatsCache(
      Supplier<List<SiteStats>> query,
      Duration ttl,
      WorkerExecutor executor,
      MeterRegistry registry,
      Clock clock) {
    this.query = query;
    this.ttl = ttl;
    this.executor = executor;
    this.clock = clock;
    this.scanTimer =
        Timer.builder("tributary.catalog.stats.scan")
            .description("Time to scan tributary.episodes for per-site statistics")
            .register(registry);
    gauge(registry, "sites", "Sites with at least one curated episode", t -> t.sites());
    gauge(registry, "episodes", "Curated episodes, all verdicts", t -> t.episodes());
    gauge(registry, "hours", "Curated hours, all verdicts", CorpusTotals::hours);
    gauge(registry, "frames", "Joint samples of curated episodes", t -> t.frames());
    verdictGauge(registry, "accepted", t -> t.accepted());
    verdictGauge(registry, "accepted_with_flags", t -> t.flagged());
    verdictGauge(registry, "rejected", t -> t.rejected());
    verdictGauge(registry, "duplicate", t -> t.duplicates());
  }

  /** The statistics, at most {@code ttl} old (or the scan that is already running). */
  public synchronized Future<SitesReport> get() {
    if (inFlight != null) {
      return inFlight;
    }
    if (cached != null && clock.millis() - cachedAtMillis < ttl.toMillis()) {
      return Future.succeededFuture(cached);
    }
    Future<SitesReport> scan = executor.executeBlocking(this::scan, true);
    inFlight = scan;
    scan.onComplete(result -> finished(scan, result.succeeded() ? result.result() : null));
    return scan;
  }

  private SitesReport scan() {
    long started = System.nanoTime();
    try {
      List<SiteStats> sites = query.get();
      CorpusTotals totals = CorpusTotals.of(sites);
      latestTotals.set(totals);
      return new SitesReport(clock.instant().toString(), totals, sites);
    } finally {
      scanTimer.record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private synchronized void finished(Future<SitesReport> scan, SitesReport report) {
    if (inFlight == scan) {
      inFlight = null;
    }
    if (report != null) {
      cached = report;
      cachedAtMillis = clock.millis();
    }
  }

  private void gauge(
      MeterRegistry registry, String name, String help, ToDoubleFunction<CorpusTotals> value) {
    Gauge.builder(
            "tributary.catalog.corpus." + name, latestTotals, ref -> value.applyAsDouble(ref.get()))
        .description(help + ", as of the last statistics scan")
        .register(registry);
  }

  private void verdictGauge(
      MeterRegistry registry, String status, ToDoubleFunction<CorpusTotals> value) {
    Gauge.builder(
            "tributary.catalog.corpus.episodes.by.status",
            latestTotals,
            ref -> value.applyAsDouble(ref.get()))
        .tag("status", status)
        .description("Curated episodes by verdict, as of the last statistics scan")
        .register(registry);
  }
}
