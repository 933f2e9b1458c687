package dev.tributary.catalog.http;

import dev.tributary.catalog.thumbnail.Thumbnails;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/episodes/{episodeId}/thumbnail.jpg}: one frame from about the middle of the
 * episode's first video, at most 160 px wide. The lookup and the decode run on the worker pool.
 */
public final class ThumbnailRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ThumbnailRoutes.class);
  private static final int MAX_ID_LENGTH = 128;

  /** {@code null} when the service does not know where the videos are. */
  private final Thumbnails thumbnails;

  private final WorkerExecutor io;

  public ThumbnailRoutes(Thumbnails thumbnails, WorkerExecutor io) {
    this.thumbnails = thumbnails;
    this.io = io;
  }

  public void mount(Router router) {
    router.get("/api/v1/episodes/:episodeId/thumbnail.jpg").handler(this::thumbnail);
  }

  void thumbnail(RoutingContext ctx) {
    HttpMetrics.name(ctx, "thumbnail");
    String episodeId = ctx.pathParam("episodeId");
    if (thumbnails == null) {
      error(
          ctx,
          404,
          "videos_not_configured",
          "this catalog service does not know where the videos are (CatalogServiceConfig.withVideos)");
      return;
    }
    if (episodeId == null || episodeId.isBlank() || episodeId.length() > MAX_ID_LENGTH) {
      error(ctx, 404, "unknown_episode", "no such episode");
      return;
    }
    io.executeBlocking(() -> thumbnails.get(episodeId), false)
        .onSuccess(
            result -> {
              if (result instanceof Thumbnails.Jpeg jpeg) {
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("content-type", "image/jpeg")
                    // The video of an episode never changes.
                    .putHeader("cache-control", "public, max-age=86400")
                    .end(Buffer.buffer(jpeg.bytes()));
              } else if (result instanceof Thumbnails.Missing missing) {
                error(ctx, 404, missing.code(), missing.message());
              } else if (result instanceof Thumbnails.Undecodable bad) {
                LOG.debug("no thumbnail for episode {}: {}", episodeId, bad.message());
                error(ctx, 422, "undecodable_video", bad.message());
              }
            })
        .onFailure(
            e -> {
              LOG.warn("thumbnail of episode {} failed; answering 503", episodeId, e);
              error(ctx, 503, "unavailable", "cannot read episode " + episodeId + ": " + e);
            });
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    ApiJson.send(ctx, status, Map.of("error", code, "message", message));
  }
}
