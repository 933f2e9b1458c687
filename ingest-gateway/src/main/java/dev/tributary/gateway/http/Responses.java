package dev.tributary.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.gateway.error.Rejection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and the protocol's error body; reads JSON request bodies into records. */
final class Responses {
  static final String ROUTE_KEY = "tributary.route";
  static final String SITE_KEY = "tributary.site";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Responses() {}

  /** Answers unless the request was already answered (e.g. by the timeout handler). */
  static void json(RoutingContext ctx, int status, Object body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise answer " + body.getClass(), e);
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(bytes));
  }

  static void error(RoutingContext ctx, Rejection rejection) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (rejection.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", String.valueOf(rejection.retryAfterSeconds()));
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", rejection.reason());
    body.put("message", rejection.getMessage());
    json(ctx, rejection.status(), body);
  }

  /**
   * Parses a JSON body into a record; an absent body gives {@code whenEmpty}.
   *
   * @throws Rejection 400 when the body is not valid JSON for the type
   */
  static <T> T readJson(RoutingContext ctx, Class<T> type, T whenEmpty) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      if (whenEmpty != null) {
        return whenEmpty;
      }
      throw Rejection.malformed("malformed_json", "the body is empty: send a JSON object");
    }
    try {
      T value = JSON.readValue(body.getBytes(), type);
      if (value == null) {
        throw Rejection.malformed("malformed_json", "the body is JSON null: send a JSON object");
      }
      return value;
    } catch (IOException e) {
      throw Rejection.malformed(
          "malformed_json",
          "the body is not a valid JSON object for this call: "
              + firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
