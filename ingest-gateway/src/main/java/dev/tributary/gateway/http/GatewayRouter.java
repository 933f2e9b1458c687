package dev.tributary.gateway.http;

import dev.tributary.gateway.auth.AdminAuthenticator;
import dev.tributary.gateway.auth.SiteRegistry;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.gateway.limits.SiteRateLimiter;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.gateway.publish.EpisodeIntake;
import dev.tributary.gateway.status.Readiness;
import dev.tributary.gateway.validation.ChunkBatch;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway's router from its collaborators (no I/O here, so a test can build it too). Per
 * route, in order: accounting, timeout, credentials and rate limit, content type, then the body is
 * read with the route's size limit, then the handler.
 */
public final class GatewayRouter {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayRouter.class);
  static final String LIMIT_KEY = "tributary.bodyLimit";
  static final int JSON_BODY_LIMIT = 16 * 1024;
  // Room for 10 000 part MD5s (S3's part limit), ~27 bytes each in JSON.
  static final int PART_URLS_BODY_LIMIT = 512 * 1024;

  /** Everything the routes need. */
  public record Collaborators(
      GatewayConfig config,
      GatewayLimits limits,
      SiteRegistry registry,
      AdminAuthenticator admin,
      SiteRateLimiter rateLimiter,
      EpisodeIntake intake,
      Readiness readiness,
      GatewayMetrics metrics,
      AtomicInteger inFlightRequests) {}

  private GatewayRouter() {}

  static AllowForwardHeaders forwarding(String setting) {
    return switch (setting == null ? "none" : setting) {
      case "forwarded" -> AllowForwardHeaders.FORWARD;
      case "x-forwarded" -> AllowForwardHeaders.X_FORWARD;
      case "all" -> AllowForwardHeaders.ALL;
      default -> AllowForwardHeaders.NONE;
    };
  }

  public static Router build(Vertx vertx, Collaborators c) {
    Router router = Router.router(vertx);
    // Proxy headers rewrite scheme, host and client address only when the operator says a proxy
    // that overwrites them sits in front (GatewayConfig.forwardedHeaders); never by default.
    router.allowForward(forwarding(c.config().forwardedHeaders()));
    EpisodeRoutes episodes =
        new EpisodeRoutes(
            c.intake(),
            c.metrics(),
            c.rateLimiter(),
            new ChunkBatch(c.limits().maxBatchChunks(), c.config().maxChunkBytes()));
    AdminRoutes admin = new AdminRoutes(c.registry());
    OpsRoutes ops = new OpsRoutes(c.readiness(), c.metrics());
    long timeout = c.limits().requestTimeout().toMillis();
    long videoTimeout = c.limits().videoCheckTimeout().toMillis();
    int chunkLimit = c.config().maxChunkBytes();
    // One periodic sweep per event loop instead of one timer per request (TimeoutHandler).
    RequestDeadlines deadlines = new RequestDeadlines(Math.min(timeout, videoTimeout));
    Handler<RoutingContext> requestTimeout = deadlines.handler(timeout);
    Handler<RoutingContext> site = Guards.site(c.registry(), c.rateLimiter());
    Handler<RoutingContext> avro = Guards.contentType(Guards.AVRO, false);

    router
        .route()
        .handler(
            Guards.accounting(c.metrics(), c.inFlightRequests(), c.limits().maxInFlightRequests()));

    // The hot route first: routes are matched in order for every request.
    router
        .put("/v1/episodes/:episodeId/chunks/:sequence")
        .handler(requestTimeout)
        .handler(Guards.named("chunk"))
        .handler(site)
        .handler(Guards.avroOrJson(Guards.AVRO))
        .handler(body(chunkLimit))
        .handler(episodes::chunk);
    router
        .post("/v1/episodes/:episodeId/chunks")
        .handler(requestTimeout)
        .handler(Guards.named("chunks"))
        .handler(site)
        .handler(Guards.avroOrJson(Guards.AVRO_CHUNKS))
        .handler(body(c.limits().maxBatchBytes()))
        .handler(episodes::chunks);

    router.get("/health/live").handler(Guards.named("health_live")).handler(ops::live);
    router.get("/health/ready").handler(Guards.named("health_ready")).handler(ops::ready);
    router.get("/metrics").handler(Guards.named("metrics")).handler(ops::metrics);
    router.get("/openapi.yaml").handler(Guards.named("openapi")).handler(ops::openApi);

    Handler<RoutingContext> adminAuth = Guards.admin(c.admin());
    Handler<RoutingContext> json = Guards.contentType(Guards.JSON, true);
    router
        .post("/admin/v1/sites")
        .handler(requestTimeout)
        .handler(Guards.named("admin_create_site"))
        .handler(adminAuth)
        .handler(json)
        .handler(body(JSON_BODY_LIMIT))
        .handler(admin::createSite);
    router
        .post("/admin/v1/sites/:siteId/enrolment-codes")
        .handler(requestTimeout)
        .handler(Guards.named("admin_enrolment_code"))
        .handler(adminAuth)
        .handler(json)
        .handler(body(JSON_BODY_LIMIT))
        .handler(admin::issueCode);
    router
        .post("/admin/v1/sites/:siteId/revoke-tokens")
        .handler(requestTimeout)
        .handler(Guards.named("admin_revoke_tokens"))
        .handler(adminAuth)
        .handler(body(JSON_BODY_LIMIT))
        .handler(admin::revokeTokens);
    router
        .post("/v1/enroll")
        .handler(requestTimeout)
        .handler(Guards.named("enroll"))
        .handler(json)
        .handler(body(JSON_BODY_LIMIT))
        .handler(admin::enroll);

    router
        .put("/v1/episodes/:episodeId")
        .handler(requestTimeout)
        .handler(Guards.named("manifest"))
        .handler(site)
        .handler(avro)
        .handler(body(c.config().maxManifestBytes()))
        .handler(episodes::manifest);
    router
        .put("/v1/episodes/:episodeId/videos/:cameraKey")
        .handler(deadlines.handler(videoTimeout))
        .handler(Guards.named("video"))
        .handler(site)
        .handler(avro)
        .handler(body(chunkLimit))
        .handler(episodes::video);
    router
        .post("/v1/episodes/:episodeId/videos/:cameraKey/uploads")
        .handler(requestTimeout)
        .handler(Guards.named("video_upload"))
        .handler(site)
        .handler(Guards.contentType(Guards.JSON, false))
        .handler(body(PART_URLS_BODY_LIMIT))
        .handler(episodes::videoUpload);
    router
        .put("/v1/episodes/:episodeId/commit")
        .handler(requestTimeout)
        .handler(Guards.named("commit"))
        .handler(site)
        .handler(avro)
        .handler(body(chunkLimit))
        .handler(episodes::commit);
    router
        .get("/v1/episodes/:episodeId")
        .handler(Guards.named("status"))
        .handler(site)
        .handler(episodes::status);

    Handler<RoutingContext> failure = ctx -> fail(ctx, c.metrics());
    router.route().failureHandler(failure);
    router.errorHandler(404, failure);
    router.errorHandler(405, failure);
    return router;
  }

  /**
   * Reads the body up to {@code limit} bytes; a declared Content-Length above the limit is refused
   * before anything is read. Compressed bodies are inflated later, within the same limit ({@link
   * dev.tributary.gateway.limits.BoundedInflater}).
   */
  private static Handler<RoutingContext> body(int limit) {
    // Pre-allocated from Content-Length (already checked against the limit, so at most `limit`
    // bytes per request, and requests in flight are bounded): the body is copied once instead of
    // into a buffer that doubles as it fills (the largest cost of a batch call in a profile).
    BodyHandler reader =
        BodyHandler.create(false)
            .setHandleFileUploads(false)
            .setBodyLimit(limit)
            .setPreallocateBodyBuffer(true);
    return ctx -> {
      ctx.put(LIMIT_KEY, limit);
      reader.handle(ctx);
    };
  }

  private static void fail(RoutingContext ctx, GatewayMetrics metrics) {
    Rejection rejection = toRejection(ctx);
    metrics.rejection(rejection.reason());
    if (rejection.status() >= 500 && !"overloaded".equals(rejection.reason())) {
      LOG.warn(
          "http: {} {} answered {} {}: {}",
          ctx.request().method(),
          ctx.request().path(),
          rejection.status(),
          rejection.reason(),
          rejection.getMessage());
    }
    if (rejection.status() == 413) {
      // The rest of the body is not read: close so the connection is not reused mid-body.
      ctx.response().putHeader("Connection", "close");
    }
    Responses.error(ctx, rejection);
  }

  private static Rejection toRejection(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    while ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof Rejection rejection) {
      return rejection;
    }
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    } else if (failure != null) {
      LOG.error(
          "http: {} {} failed unexpectedly; answering 500",
          ctx.request().method(),
          ctx.request().path(),
          failure);
      return Rejection.of(
          500, "internal_error", "the gateway failed unexpectedly; the failure is logged");
    }
    return switch (status) {
      case 413 ->
          Rejection.of(
              413,
              "body_too_large",
              "the body is larger than "
                  + ctx.get(LIMIT_KEY, 0)
                  + " bytes: split it into smaller chunks");
      case 503 ->
          Rejection.retryLater(
              503,
              "request_timeout",
              "the request took longer than the gateway allows: retry after the Retry-After"
                  + " delay",
              1);
      case 404 ->
          Rejection.notFound(
              "not_found", "no such route: see /openapi.yaml for the gateway's routes");
      case 405 ->
          Rejection.of(
              405,
              "method_not_allowed",
              "this route exists with another method: see /openapi.yaml");
      case 400 -> Rejection.malformed("bad_request", "the request could not be read");
      default ->
          Rejection.of(
              status <= 0 ? 500 : status,
              "http_" + status,
              "the request failed with status " + status);
    };
  }
}
