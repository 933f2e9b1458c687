package dev.tributary.catalog.http;

import dev.tributary.catalog.live.SiteTokens;
import dev.tributary.catalog.query.RecentEpisodesQuery;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The participant view's data, {@code GET /api/v1/site}: one site's numbers, reasons and newest
 * episodes with their verdicts, for a request carrying that site's token ({@code Authorization:
 * Bearer <site token>}, the token the recorder got at enrolment). A site never sees another's.
 */
public final class SiteRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SiteRoutes.class);
  static final int EPISODES = 50;

  private final SiteTokens tokens;
  private final SiteStatsCache stats;
  private final RecentEpisodesQuery episodes;
  private final WorkerExecutor io;

  /**
   * @param tokens null when the service runs without Kafka: the view then answers 503
   */
  public SiteRoutes(
      SiteTokens tokens, SiteStatsCache stats, RecentEpisodesQuery episodes, WorkerExecutor io) {
    this.tokens = tokens;
    this.stats = stats;
    this.episodes = episodes;
    this.io = io;
  }

  public void site(RoutingContext ctx) {
    HttpMetrics.name(ctx, "site");
    if (tokens == null) {
      ApiJson.error(
          ctx,
          503,
          "the participant view needs the registry topic; start the catalog service with Kafka");
      return;
    }
    String header = ctx.request().getHeader("authorization");
    String bearer =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    Optional<String> site = tokens.siteOf(bearer);
    if (site.isEmpty()) {
      ctx.response().putHeader("www-authenticate", "Bearer");
      ApiJson.error(
          ctx,
          401,
          bearer == null
              ? "send your site token as 'Authorization: Bearer <token>' (the recorder keeps it in"
                  + " <spool>/site-token)"
              : "unknown or revoked site token; enrol again with a new code");
      return;
    }
    String siteId = site.get();
    stats
        .dashboard()
        .compose(
            report ->
                io.executeBlocking(() -> episodes.run(siteId, EPISODES), false)
                    .map(
                        list -> {
                          Map<String, Object> body = new LinkedHashMap<>();
                          body.put("siteId", siteId);
                          body.put("computedAt", report.computedAt());
                          body.put(
                              "stats",
                              report.sites().stream()
                                  .filter(r -> r.siteId().equals(siteId))
                                  .findFirst()
                                  .orElse(null));
                          body.put("episodes", list);
                          return body;
                        }))
        .onSuccess(body -> ApiJson.send(ctx, 200, body))
        .onFailure(
            e -> {
              LOG.warn("participant view of site {} failed; answering 503", siteId, e);
              ApiJson.error(ctx, 503, "cannot read the episodes of site " + siteId + ": " + e);
            });
  }
}
