package dev.tributary.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's meters, named once. Exposed in Prometheus text format at {@code /metrics}; names
 * there get the {@code tributary_gateway_} prefix and {@code _total} / {@code _seconds} suffixes.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer produceLatency;

  /** Counters by their tags, looked up once: registering per call costs an id and a lookup. */
  private record RequestKey(String route, String method, int status) {}

  private record SiteKey(String site, String kind) {}

  private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> bytesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> chunksIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private final Map<SiteKey, Counter> siteEvents = new ConcurrentHashMap<>();

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    produceLatency =
        Timer.builder("tributary.gateway.produce.latency")
            .description("time from handing an event to the producer to the broker's ack")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  public void request(String route, String method, int status) {
    requests
        .computeIfAbsent(
            new RequestKey(route, method, status),
            k ->
                Counter.builder("tributary.gateway.requests")
                    .description("HTTP requests answered, by route, method and status")
                    .tag("route", k.route())
                    .tag("method", k.method())
                    .tag("status", String.valueOf(k.status()))
                    .register(registry))
        .increment();
  }

  public void bytesIn(String route, long bytes) {
    bytesIn
        .computeIfAbsent(
            route,
            r ->
                Counter.builder("tributary.gateway.request.bytes")
                    .description("request body bytes received (after decompression)")
                    .baseUnit("bytes")
                    .tag("route", r)
                    .register(registry))
        .increment(bytes);
  }

  /** Joint chunks read from request bodies, by route (one per single-chunk call, n per batch). */
  public void chunksIn(String route, int chunks) {
    chunksIn
        .computeIfAbsent(
            route,
            r ->
                Counter.builder("tributary.gateway.chunks")
                    .description("joint chunks received in request bodies, by route")
                    .tag("route", r)
                    .register(registry))
        .increment(chunks);
  }

  public void rejection(String reason) {
    rejections
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("tributary.gateway.rejections")
                    .description("requests refused, by reason code")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  /** One accepted event of a site, by kind (manifest, chunk, video, commit). */
  public void accepted(String siteId, String kind) {
    siteEvents
        .computeIfAbsent(
            new SiteKey(siteId, kind),
            k ->
                Counter.builder("tributary.gateway.site.events")
                    .description("events acknowledged by Kafka, per site and kind")
                    .tag("site", k.site())
                    .tag("kind", k.kind())
                    .register(registry))
        .increment();
  }

  public Timer produceLatency() {
    return produceLatency;
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }
}
