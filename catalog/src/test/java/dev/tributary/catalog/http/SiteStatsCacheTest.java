package dev.tributary.catalog.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.catalog.query.CorpusSnapshot;
import dev.tributary.catalog.query.SiteStats;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SiteStatsCacheTest {

  private final Vertx vertx = Vertx.vertx();
  private final WorkerExecutor io = vertx.createSharedWorkerExecutor("test-io", 4);
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void manyConcurrentRequestsShareOneScan() throws Exception {
    AtomicInteger scans = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Supplier<CorpusSnapshot> slowScan =
        () -> {
          scans.incrementAndGet();
          await(release);
          return snapshot(1, new SiteStats("a", 1, 0.5, 1, 0, 0, 0, 10));
        };
    SiteStatsCache cache = cache(slowScan, Duration.ofSeconds(2));

    List<Future<SitesReport>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(cache.get());
    }
    release.countDown();

    for (Future<SitesReport> request : requests) {
      SitesReport report =
          request.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(report.totals().episodes()).isEqualTo(1);
    }
    assertThat(scans).hasValue(1);
  }

  @Test
  void reusesAResultUntilItIsOlderThanTheRefreshInterval() throws Exception {
    AtomicInteger scans = new AtomicInteger();
    SiteStatsCache cache =
        cache(
            () -> {
              int n = scans.incrementAndGet();
              return snapshot(n, new SiteStats("a", n, 0, 0, 0, 0, 0, 0));
            },
            Duration.ofSeconds(2));

    assertThat(episodes(cache)).isEqualTo(1);
    clock.advance(Duration.ofMillis(1999));
    assertThat(episodes(cache)).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(episodes(cache)).isEqualTo(2);
  }

  @Test
  void retriesOnTheNextRequestAfterAFailedScan() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    SiteStatsCache cache =
        cache(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("catalog unreachable");
              }
              return CorpusSnapshot.EMPTY;
            },
            Duration.ofSeconds(2));

    Future<SitesReport> first = cache.get();
    first
        .toCompletionStage()
        .toCompletableFuture()
        .handle((r, e) -> null)
        .get(10, TimeUnit.SECONDS);
    assertThat(first.failed()).isTrue();
    assertThat(
            cache.get().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).sites())
        .isEmpty();
  }

  @Test
  void scansAgainAfterInvalidateEvenWithinTheRefreshInterval() throws Exception {
    AtomicInteger scans = new AtomicInteger();
    SiteStatsCache cache =
        cache(
            () -> {
              int n = scans.incrementAndGet();
              return snapshot(n, new SiteStats("a", n, 0, 0, 0, 0, 0, 0));
            },
            Duration.ofSeconds(2));

    assertThat(episodes(cache)).isEqualTo(1);
    assertThat(episodes(cache)).isEqualTo(1);
    cache.invalidate();

    assertThat(episodes(cache)).isEqualTo(2);
    DashboardReport dashboard =
        cache.dashboard().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(dashboard.snapshotId()).isEqualTo(2);
    assertThat(dashboard.sites()).extracting(DashboardReport.SiteRow::episodes).containsExactly(2L);
  }

  private static CorpusSnapshot snapshot(long snapshotId, SiteStats site) {
    return new CorpusSnapshot(snapshotId, List.of(site), Map.of(), List.of(), List.of());
  }

  private SiteStatsCache cache(Supplier<CorpusSnapshot> scan, Duration ttl) {
    return new SiteStatsCache(scan, ttl, io, new SimpleMeterRegistry(), clock);
  }

  private static long episodes(SiteStatsCache cache) throws Exception {
    return cache
        .get()
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .totals()
        .episodes();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
