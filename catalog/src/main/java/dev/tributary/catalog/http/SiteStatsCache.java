package dev.tributary.catalog.http;

import dev.tributary.catalog.query.CorpusScan;
import dev.tributary.catalog.query.CorpusSnapshot;
import dev.tributary.catalog.query.CorpusTotals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
  private final MultiGauge siteEpisodes;
  private final MultiGauge siteLastEpisode;
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
    // One series per site and status: 100 sites give 400 series, which Prometheus handles easily.
    this.siteEpisodes =
        MultiGauge.builder("tributary.catalog.site.episodes")
            .description("Curated episodes of a site by verdict, as of the last statistics scan")
            .register(registry);
    this.siteLastEpisode =
        MultiGauge.builder("tributary.catalog.site.last.episode.timestamp")
            .description("When the site's newest episode was curated (Unix time)")
            .baseUnit("seconds")
            .register(registry);
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
      exportPerSite(snapshot);
      String now = clock.instant().toString();
      return new Reports(
          new SitesReport(now, totals, snapshot.sites()),
          DashboardReport.of(now, snapshot, CorpusScan.TIMELINE_MINUTES));
    } finally {
      scanTimer.record(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private void exportPerSite(CorpusSnapshot snapshot) {
    List<MultiGauge.Row<?>> counts = new java.util.ArrayList<>();
    List<MultiGauge.Row<?>> last = new java.util.ArrayList<>();
    for (var site : snapshot.sites()) {
      counts.add(row(site.siteId(), "accepted", site.accepted()));
      counts.add(row(site.siteId(), "accepted_with_flags", site.flagged()));
      counts.add(row(site.siteId(), "rejected", site.rejected()));
      counts.add(row(site.siteId(), "duplicate", site.duplicates()));
      var activity = snapshot.activity().get(site.siteId());
      if (activity != null && activity.lastCuratedAt() != null) {
        double seconds =
            java.time.OffsetDateTime.parse(activity.lastCuratedAt()).toInstant().toEpochMilli()
                / 1000.0;
        last.add(MultiGauge.Row.of(Tags.of("site", site.siteId()), seconds));
      }
    }
    siteEpisodes.register(counts, true);
    siteLastEpisode.register(last, true);
  }

  private static MultiGauge.Row<?> row(String site, String status, long value) {
    return MultiGauge.Row.of(Tags.of("site", site, "status", status), value);
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
