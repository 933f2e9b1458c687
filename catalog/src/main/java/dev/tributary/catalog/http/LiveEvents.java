package dev.tributary.catalog.http;

import dev.tributary.catalog.live.LiveVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: Server-Sent Events for the dashboard. Two kinds of event:
 *
 * <ul>
 *   <li>{@code snapshot}: a {@link DashboardReport}, sent on connect and whenever the episodes
 *       table has a new snapshot; every browser gets the same scan.
 *   <li>{@code verdict}: a {@link LiveVerdict} from the verdict topic, sent as it arrives (the
 *       newest few are replayed on connect).
 * </ul>
 *
 * A verdict marks the cached statistics stale and, a moment later (so a burst costs one scan),
 * triggers a rescan: the pipeline commits the table before it publishes the verdict, so the rescan
 * sees the row. A periodic rescan covers a service started without Kafka and verdicts missed.
 */
public final class LiveEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

  static final int REPLAYED_VERDICTS = 50;
  static final long DEBOUNCE_MILLIS = 250;
  static final long HEARTBEAT_MILLIS = 15_000;

  private final Vertx vertx;
  private final Context context;
  private final SiteStatsCache stats;
  private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
  private final Deque<String> recentVerdicts = new ArrayDeque<>();
  private final AtomicLong lastBroadcastSnapshot = new AtomicLong(-1);
  private final Counter snapshotsSent;
  private final Counter verdictsSent;
  private final long periodicTimer;
  private final long heartbeatTimer;
  private boolean rescanScheduled;

  /**
   * @param rescanEvery how often to look for a new table snapshot while browsers are connected
   */
  public LiveEvents(
      Vertx vertx, SiteStatsCache stats, Duration rescanEvery, MeterRegistry registry) {
    this.vertx = vertx;
    // Verdicts arrive on the feed's thread; the debounce state is confined to this context.
    this.context = vertx.getOrCreateContext();
    this.stats = stats;
    Gauge.builder("tributary.catalog.sse.clients", clients, Set::size)
        .description("Browsers connected to the live event stream")
        .register(registry);
    this.snapshotsSent = eventCounter(registry, "snapshot");
    this.verdictsSent = eventCounter(registry, "verdict");
    this.periodicTimer =
        vertx.setPeriodic(
            Math.max(500, rescanEvery.toMillis()),
            id -> {
              if (!clients.isEmpty()) {
                broadcastIfNewSnapshot();
              }
            });
    this.heartbeatTimer =
        vertx.setPeriodic(
            HEARTBEAT_MILLIS, id -> clients.forEach(c -> write(c, ": keep-alive\n\n")));
  }

  /** Opens an event stream for one browser. */
  public void stream(RoutingContext ctx) {
    HttpMetrics.name(ctx, "events");
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("x-accel-buffering", "no");
    response.closeHandler(v -> clients.remove(response));
    write(response, "retry: 2000\n\n");
    List<String> replay;
    synchronized (recentVerdicts) {
      replay = List.copyOf(recentVerdicts);
    }
    replay.forEach(frame -> write(response, frame));
    clients.add(response);
    stats
        .dashboard()
        .onSuccess(report -> write(response, frame("snapshot", report)))
        .onFailure(e -> LOG.warn("first snapshot for a new dashboard failed; it retries", e));
  }

  /** Called by the verdict feed's thread for every verdict. */
  public void onVerdict(LiveVerdict verdict) {
    String frame = frame("verdict", verdict);
    synchronized (recentVerdicts) {
      recentVerdicts.addLast(frame);
      while (recentVerdicts.size() > REPLAYED_VERDICTS) {
        recentVerdicts.removeFirst();
      }
    }
    stats.invalidate();
    context.runOnContext(
        v -> {
          clients.forEach(c -> write(c, frame));
          verdictsSent.increment(clients.size());
          if (!rescanScheduled) {
            rescanScheduled = true;
            vertx.setTimer(
                DEBOUNCE_MILLIS,
                id -> {
                  rescanScheduled = false;
                  broadcastIfNewSnapshot();
                });
          }
        });
  }

  private void broadcastIfNewSnapshot() {
    stats
        .dashboard()
        .onSuccess(
            report -> {
              long previous = lastBroadcastSnapshot.getAndSet(report.snapshotId());
              if (previous != report.snapshotId()) {
                String frame = frame("snapshot", report);
                clients.forEach(c -> write(c, frame));
                snapshotsSent.increment(clients.size());
              }
            })
        .onFailure(e -> LOG.warn("rescan for the live dashboards failed; next one retries", e));
  }

  private static String frame(String event, Object body) {
    return "event: " + event + "\ndata: " + ApiJson.toJson(body) + "\n\n";
  }

  private void write(HttpServerResponse client, String frame) {
    if (client.closed() || client.ended()) {
      clients.remove(client);
      return;
    }
    // A browser that stops reading must not make the service buffer without bound.
    if (client.writeQueueFull()) {
      LOG.info("dropping a dashboard client that stopped reading its event stream");
      clients.remove(client);
      client.reset();
      return;
    }
    client.write(frame);
  }

  private static Counter eventCounter(MeterRegistry registry, String event) {
    return Counter.builder("tributary.catalog.sse.events")
        .description("Server-sent events written to dashboards, by event type")
        .tag("event", event)
        .register(registry);
  }

  /** Stops the timers and ends every open stream. */
  @Override
  public void close() {
    vertx.cancelTimer(periodicTimer);
    vertx.cancelTimer(heartbeatTimer);
    clients.forEach(
        c -> {
          if (!c.closed() && !c.ended()) {
            c.end();
          }
        });
    clients.clear();
  }
}
