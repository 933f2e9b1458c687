package dev.tributary.gateway.http;

import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.gateway.status.Readiness;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Health, metrics and the OpenAPI document. */
final class OpsRoutes {
  static final String OPENAPI_RESOURCE = "dev/tributary/gateway/openapi.yaml";

  private final Readiness readiness;
  private final GatewayMetrics metrics;
  private final Buffer openApi;

  OpsRoutes(Readiness readiness, GatewayMetrics metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.openApi = load(OPENAPI_RESOURCE);
  }

  void live(RoutingContext ctx) {
    Responses.json(ctx, 200, Map.of("status", "UP"));
  }

  void ready(RoutingContext ctx) {
    Readiness.State state = readiness.state();
    if (!state.ready()) {
      ctx.response().putHeader("Retry-After", "5");
    }
    Responses.json(
        ctx,
        state.ready() ? 200 : 503,
        Map.of(
            "status",
            state.ready() ? "READY" : (state.draining() ? "DRAINING" : "NOT_READY"),
            "kafka",
            state.kafka(),
            "objectStore",
            state.objectStore()));
  }

  void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape());
  }

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml").end(openApi);
  }

  private static Buffer load(String resource) {
    try (InputStream in = OpsRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
