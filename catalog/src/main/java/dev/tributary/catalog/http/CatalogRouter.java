package dev.tributary.catalog.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** Assembles the catalog service's routes; a plain function so tests can build it too. */
public final class CatalogRouter {
  private CatalogRouter() {}

  /** Table metadata updates are small; 16 MiB leaves room for wide schemas. */
  static final long ICEBERG_BODY_LIMIT = 16L * 1024 * 1024;

  /**
   * @param iceberg handler for everything under {@code /iceberg/} (the Iceberg REST catalog)
   */
  public static Router build(
      Vertx vertx,
      HttpMetrics metrics,
      ApiRoutes api,
      EpisodesRoutes episodes,
      DashboardAssets dashboard,
      LiveEvents live,
      SiteRoutes site,
      Handler<RoutingContext> iceberg,
      Access access,
      AuthRoutes auth) {
    Router router = Router.router(vertx);
    router.route().handler(metrics);
    // Guards first, so routes mounted later (SqlRoutes, ThumbnailRoutes) are guarded too. The
    // pages, their assets, health and metrics are public; /api/v1/site checks site tokens itself.
    Handler<RoutingContext> dashboardData = access.dashboard();
    for (String path :
        List.of(
            "/api/v1/sites",
            "/api/v1/dashboard",
            "/api/v1/events",
            "/api/v1/episodes",
            "/api/v1/episodes/*")) {
      router.route(path).handler(dashboardData);
    }
    router.route("/api/v1/sql").handler(access.require(Access.DATA));
    auth.mount(router); // the OAuth2 token endpoint is reachable without a token
    new SessionRoutes(access).mount(router); // dashboard sign-in: checks the token itself
    router.route("/iceberg/*").handler(access.require(Access.REST));
    router.get("/").handler(dashboard::index);
    router.get("/index.html").handler(dashboard::index);
    router.get("/assets/:file").handler(dashboard::asset);
    router.get("/site").handler(dashboard::site);
    router.get("/api/v1/site").handler(site::site);
    router.get("/api/v1/sites").handler(api::sites);
    router.get("/api/v1/dashboard").handler(api::dashboard);
    router.get("/api/v1/events").handler(live::stream);
    router.get("/api/v1/episodes").handler(episodes::recent);
    router.get("/health/live").handler(api::live);
    router.get("/health/ready").handler(api::ready);
    router.get("/metrics").handler(api::metrics);
    router.route("/iceberg/*").handler(BodyHandler.create().setBodyLimit(ICEBERG_BODY_LIMIT));
    router.route("/iceberg/*").handler(iceberg);
    router
        .route()
        .last()
        .handler(
            ctx ->
                ApiJson.error(
                    ctx,
                    404,
                    "no route for "
                        + ctx.request().method()
                        + " "
                        + ctx.request().path()
                        + "; see /api/v1/sites, /api/v1/dashboard, /api/v1/events, /iceberg/v1/config, /metrics"));
    return router;
  }
}
