package dev.tributary.catalog.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every HTTP request by method, route name and status ({@code
 * tributary_catalog_http_requests_seconds_*}). Route names are set by the handlers through {@link
 * #name(RoutingContext, String)} so the tag stays low-cardinality (no table names, no site ids).
 */
public final class HttpMetrics implements Handler<RoutingContext> {

  private static final String ROUTE_KEY = "tributary.route";

  private final MeterRegistry registry;

  public HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Names the route of this request for the metrics. */
  public static void name(RoutingContext ctx, String route) {
    ctx.put(ROUTE_KEY, route);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          String route = ctx.get(ROUTE_KEY);
          Timer.builder("tributary.catalog.http.requests")
              .description("HTTP requests served by the catalog service")
              .tag("method", ctx.request().method().name())
              .tag("route", route == null ? "unmatched" : route)
              .tag("status", Integer.toString(ctx.response().getStatusCode()))
              .register(registry)
              .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
    ctx.next();
  }
}
