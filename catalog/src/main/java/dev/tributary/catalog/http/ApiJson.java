package dev.tributary.catalog.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes JSON responses of the catalog's own API (not the Iceberg REST protocol). */
final class ApiJson {
  private ApiJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Compact JSON (one line), as server-sent events need it. */
  static String toJson(Object body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  static void send(RoutingContext ctx, int status, Object body) {
    String json;
    try {
      json = MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      status = 500;
      json = "{\"error\":\"cannot serialise the response\"}";
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(json);
  }

  static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, Map.of("error", message));
  }
}
