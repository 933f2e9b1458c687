package dev.tributary.catalog.http;

import dev.tributary.catalog.query.RecentEpisodesQuery;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/episodes?site=...&limit=...}: a site's newest episodes and verdicts. */
public final class EpisodesRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(EpisodesRoutes.class);
  static final int DEFAULT_LIMIT = 20;

  private final RecentEpisodesQuery query;
  private final WorkerExecutor io;

  public EpisodesRoutes(RecentEpisodesQuery query, WorkerExecutor io) {
    this.query = query;
    this.io = io;
  }

  public void recent(RoutingContext ctx) {
    HttpMetrics.name(ctx, "episodes");
    String site = ctx.request().getParam("site");
    if (site == null || site.isBlank()) {
      ApiJson.error(ctx, 400, "query parameter 'site' is required, e.g. /api/v1/episodes?site=a");
      return;
    }
    String limitParam = ctx.request().getParam("limit");
    int limit;
    try {
      limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > RecentEpisodesQuery.MAX_LIMIT) {
      ApiJson.error(
          ctx,
          400,
          "query parameter 'limit' must be an integer from 1 to "
              + RecentEpisodesQuery.MAX_LIMIT
              + ", got '"
              + limitParam
              + "'");
      return;
    }
    int n = limit;
    io.executeBlocking(() -> query.run(site, n), false)
        .onSuccess(episodes -> ApiJson.send(ctx, 200, Map.of("site", site, "episodes", episodes)))
        .onFailure(
            e -> {
              LOG.warn("listing recent episodes of site {} failed; answering 503", site, e);
              ApiJson.error(ctx, 503, "cannot read episodes of site " + site + ": " + e);
            });
  }
}
