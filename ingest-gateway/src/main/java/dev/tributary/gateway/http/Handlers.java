package dev.tributary.gateway.http;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.BoundedInflater;
import dev.tributary.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Bridges the plain logic's {@link CompletionStage} answers to HTTP responses. */
final class Handlers {
  private Handlers() {}

  /**
   * Runs {@code work} and answers {@code status} with its result as JSON, on the request's event
   * loop, once the stage completes; any failure goes to the router's failure handler.
   */
  static <T> void answer(
      RoutingContext ctx, int status, Function<RoutingContext, CompletionStage<T>> work) {
    CompletionStage<T> stage = work.apply(ctx);
    Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
        .onSuccess(value -> Responses.json(ctx, status, value))
        .onFailure(ctx::fail);
  }

  /**
   * Like {@link #answer}, with the answer's JSON bytes made by {@code encode} instead of Jackson.
   */
  static <T> void answerEncoded(
      RoutingContext ctx,
      int status,
      Function<RoutingContext, CompletionStage<T>> work,
      Function<T, Buffer> encode) {
    CompletionStage<T> stage = work.apply(ctx);
    Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
        .onSuccess(value -> Responses.json(ctx, status, encode.apply(value)))
        .onFailure(ctx::fail);
  }

  /**
   * The buffered body's bytes, decompressed per {@code Content-Encoding} within the route's limit,
   * counted in the bytes-in metric.
   */
  static byte[] body(RoutingContext ctx, GatewayMetrics metrics) {
    Buffer body = ctx.body().buffer();
    if (body == null) {
      throw Rejection.malformed("empty_body", "the body is empty: send the Avro-encoded record");
    }
    byte[] bytes =
        BoundedInflater.inflate(
            body.getBytes(),
            ctx.request().getHeader("Content-Encoding"),
            ctx.get(GatewayRouter.LIMIT_KEY, Integer.MAX_VALUE));
    metrics.bytesIn(ctx.get(Responses.ROUTE_KEY, "unmatched"), bytes.length);
    return bytes;
  }

  static String site(RoutingContext ctx) {
    return ctx.get(Responses.SITE_KEY);
  }
}
