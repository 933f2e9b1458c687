package dev.tributary.catalog.http;

import dev.tributary.catalog.query.CorpusScan;
import dev.tributary.catalog.query.CorpusSnapshot;
import dev.tributary.catalog.query.CorpusTotals;
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
 * Serves the corpus statistics to any number of dashboards for the cost of one table scan per
 * {@code ttl}: a fresh result is reused, concurrent callers share the scan in flight, and the scan
 * runs on a worker thread, never on the event loop. {@link #invalidate()} makes the next call scan
 * again (a verdict arrived). Also exports the latest totals as gauges.
 */
public final class SiteStatsCache {

  private final Supplier<CorpusSnapshot> query;
  private final Duration ttl;
  private final WorkerExecutor executor;
  private final Clock clock;
  private final Timer scanTimer;
  private final AtomicReference<CorpusTotals> latestTotals =
      new AtomicReference<>(CorpusTotals.of(List.of()));

  private Reports cached;
  private long cachedAtMillis;
  private Future<Reports> inFlight;
  private boolean staleInFlight;

  /** Both shapes of one scan. */
  private record Reports(SitesReport sites, DashboardReport dashboard) {}

  /**
   * @param query the scan; called from a worker thread, one call at a time
   */
  public SiteStatsCache(
      Supplier<CorpusSnapshot> query,
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

  /** Per-site statistics, at most {@code ttl} old (or the scan that is already running). */
  public Future<SitesReport> get() {
    return reports().map(Reports::sites);
  }

  /** The whole dashboard's data, from the same scan as {@link #get()}. */
  public Future<DashboardReport> dashboard() {
    return reports().map(Reports::dashboard);
  }

  /**
   * Forgets the cached result: the next call scans again. A scan already running may have missed
   * the commit that caused this call, so the call after it scans again too.
   */
  public synchronized void invalidate() {
    cached = null;
    if (inFlight != null) {
      staleInFlight = true;
    }
  }

  private synchronized Future<Reports> reports() {
    if (inFlight != null) {
      return inFlight;
    }
    if (cached != null && clock.millis() - cachedAtMillis < ttl.toMillis()) {
      return Future.succeededFuture(cached);
    }
    Future<Reports> scan = executor.executeBlocking(this::scan, true);
    inFlight = scan;
    staleInFlight = false;
    scan.onComplete(result -> finished(scan, result.succeeded() ? result.result() : null));
    return scan;
  }

  private Reports scan() {
    long started = System.nanoTime();
    try {
      CorpusSnapshot snapshot = query.get();
      CorpusTotals totals = CorpusTotals.of(snapshot.sites());
      latestTotals.set(totals);
      String now = clock.instant().toString();
      return new Reports(
          new SitesReport(now, totals, snapshot.sites()),
          DashboardReport.of(now, snapshot, CorpusScan.TIMELINE_MINUTES));
    } finally {
      scanTimer.record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private synchronized void finished(Future<Reports> scan, Reports reports) {
    if (inFlight != scan) {
      return;
    }
    inFlight = null;
    if (reports != null && !staleInFlight) {
      cached = reports;
      cachedAtMillis = clock.millis();
    }
    staleInFlight = false;
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
