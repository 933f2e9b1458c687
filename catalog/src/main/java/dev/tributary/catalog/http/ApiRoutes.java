package dev.tributary.catalog.http;

import dev.tributary.schema.table.CuratedTables;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog's own endpoints: per-site statistics, health and Prometheus metrics. */
public final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  private final SiteStatsCache stats;
  private final Catalog catalog;
  private final WorkerExecutor io;
  private final PrometheusMeterRegistry registry;

  public ApiRoutes(
      SiteStatsCache stats, Catalog catalog, WorkerExecutor io, PrometheusMeterRegistry registry) {
    this.stats = stats;
    this.catalog = catalog;
    this.io = io;
    this.registry = registry;
  }

  /** {@code GET /api/v1/sites}: {@link SitesReport} as JSON. */
  public void sites(RoutingContext ctx) {
    HttpMetrics.name(ctx, "sites");
    stats
        .get()
        .onSuccess(report -> ApiJson.send(ctx, 200, report))
        .onFailure(
            e -> {
              LOG.warn("site statistics scan failed; answering 503, next request retries", e);
              ApiJson.error(ctx, 503, "cannot read " + CuratedTables.EPISODES + ": " + e);
            });
  }

  /** {@code GET /api/v1/dashboard}: {@link DashboardReport} as JSON, from the same scan. */
  public void dashboard(RoutingContext ctx) {
    HttpMetrics.name(ctx, "dashboard-data");
    stats
        .dashboard()
        .onSuccess(report -> ApiJson.send(ctx, 200, report))
        .onFailure(
            e -> {
              LOG.warn("dashboard scan failed; answering 503, next request retries", e);
              ApiJson.error(ctx, 503, "cannot read " + CuratedTables.EPISODES + ": " + e);
            });
  }

  /** {@code GET /health/live}: the process is up and the event loop answers. */
  public void live(RoutingContext ctx) {
    HttpMetrics.name(ctx, "health");
    ApiJson.send(ctx, 200, Map.of("status", "UP"));
  }

  /**
   * {@code GET /health/ready}: the Iceberg catalog answers. Missing curated tables do not make the
   * service unready (the pipeline creates them on its first commit); they are reported.
   */
  public void ready(RoutingContext ctx) {
    HttpMetrics.name(ctx, "health");
    io.executeBlocking(
            () -> {
              Map<String, Boolean> tables = new LinkedHashMap<>();
              for (TableIdentifier id : CuratedTables.all()) {
                tables.put(id.toString(), catalog.tableExists(id));
              }
              return tables;
            },
            false)
        .onSuccess(
            tables ->
                ApiJson.send(
                    ctx, 200, Map.of("status", "UP", "catalog", catalog.name(), "tables", tables)))
        .onFailure(
            e -> {
              LOG.warn("readiness check: Iceberg catalog {} unreachable", catalog.name(), e);
              ApiJson.send(
                  ctx,
                  503,
                  Map.of("status", "DOWN", "reason", "Iceberg catalog unreachable: " + e));
            });
  }

  /** {@code GET /metrics}: Prometheus text format. */
  public void metrics(RoutingContext ctx) {
    HttpMetrics.name(ctx, "metrics");
    // Scraping formats every meter; cheap, but keep it off the event loop anyway.
    io.executeBlocking(registry::scrape, false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(text))
        .onFailure(e -> ApiJson.error(ctx, 500, "cannot render metrics: " + e));
  }
}
