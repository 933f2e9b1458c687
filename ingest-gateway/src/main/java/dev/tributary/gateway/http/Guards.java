package dev.tributary.gateway.http;

import dev.tributary.gateway.auth.AdminAuthenticator;
import dev.tributary.gateway.auth.SiteRegistry;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.SiteRateLimiter;
import dev.tributary.gateway.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that run before a body is read: accounting and overload, credentials, rate limit, content
 * type. All synchronous, so the request stays paused until the body handler reads it.
 */
final class Guards {
  static final String AVRO = "application/vnd.tributary.avro";

  /** A chunk batch: Avro single-object encodings of chunks, back to back. */
  static final String AVRO_CHUNKS = "application/vnd.tributary.chunks+avro";

  static final String JSON = "application/json";

  private Guards() {}

  /** Names the route for metrics and logs. */
  static Handler<RoutingContext> named(String route) {
    return ctx -> {
      ctx.put(Responses.ROUTE_KEY, route);
      ctx.next();
    };
  }

  /**
   * Counts requests by route and status, tracks in-flight requests and refuses new ones with 503
   * above {@code maxInFlight}.
   */
  static Handler<RoutingContext> accounting(
      GatewayMetrics metrics, AtomicInteger inFlight, int maxInFlight) {
    return ctx -> {
      int now = inFlight.incrementAndGet();
      ctx.addEndHandler(
          done -> {
            inFlight.decrementAndGet();
            String route = ctx.get(Responses.ROUTE_KEY, "unmatched");
            metrics.request(route, ctx.request().method().name(), ctx.response().getStatusCode());
          });
      if (now > maxInFlight) {
        ctx.fail(
            Rejection.retryLater(
                503,
                "overloaded",
                "the gateway is processing "
                    + maxInFlight
                    + " requests already: retry after the Retry-After delay",
                1));
        return;
      }
      ctx.next();
    };
  }

  static Handler<RoutingContext> admin(AdminAuthenticator admin) {
    return ctx -> {
      admin.check(bearer(ctx));
      ctx.next();
    };
  }

  /** Resolves the site token to its site and applies the site's rate limit. */
  static Handler<RoutingContext> site(SiteRegistry registry, SiteRateLimiter rateLimiter) {
    return ctx -> {
      String siteId = registry.authenticate(bearer(ctx));
      charge(rateLimiter, siteId, 1);
      ctx.put(Responses.SITE_KEY, siteId);
      ctx.next();
    };
  }

  /**
   * Takes {@code tokens} of the site's rate limit, all or none: a chunk batch pays one per chunk
   * (the first was paid by {@link #site} before the body was read).
   *
   * @throws Rejection 429 with Retry-After when the site's bucket holds fewer tokens
   */
  static void charge(SiteRateLimiter rateLimiter, String siteId, int tokens) {
    int wait = rateLimiter.tryAcquire(siteId, tokens);
    if (wait > 0) {
      throw Rejection.retryLater(
          429,
          "rate_limited",
          "site " + siteId + " sends faster than its rate limit: retry after " + wait + " s",
          wait);
    }
  }

  static Handler<RoutingContext> contentType(String expected, boolean allowAbsent) {
    return ctx -> {
      String header = ctx.request().getHeader("Content-Type");
      if (header == null && allowAbsent) {
        ctx.next();
        return;
      }
      if (!mediaType(header).equalsIgnoreCase(expected)) {
        throw unsupported(header, expected + avroHint(expected));
      }
      ctx.next();
    };
  }

  /**
   * {@code avroType} or JSON (the chunk routes: JSON is converted to Avro by the handler).
   *
   * @param avroType {@link #AVRO} for one chunk, {@link #AVRO_CHUNKS} for a batch
   */
  static Handler<RoutingContext> avroOrJson(String avroType) {
    return ctx -> {
      String header = ctx.request().getHeader("Content-Type");
      String type = mediaType(header);
      if (!type.equalsIgnoreCase(avroType) && !type.equalsIgnoreCase(JSON)) {
        throw unsupported(header, avroType + avroHint(avroType) + " or " + JSON);
      }
      ctx.next();
    };
  }

  /** True when the request's body is JSON (checked by {@link #avroOrJson} before). */
  static boolean isJson(RoutingContext ctx) {
    return mediaType(ctx.request().getHeader("Content-Type")).equalsIgnoreCase(JSON);
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
  }

  private static String avroHint(String type) {
    if (type.equals(AVRO_CHUNKS)) {
      return " (chunks' Avro single-object encodings, as dev.tributary.schema.codec.AvroCodec"
          + " writes them, back to back)";
    }
    return type.equals(AVRO)
        ? " (Avro single-object encoding made with dev.tributary.schema.codec.AvroCodec)"
        : "";
  }

  private static Rejection unsupported(String header, String accepted) {
    return Rejection.of(
        415,
        "unsupported_content_type",
        "Content-Type '"
            + (header == null ? "" : header)
            + "' is not accepted here: send "
            + accepted);
  }

  /** The token of {@code Authorization: Bearer <token>}, or null. */
  static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
