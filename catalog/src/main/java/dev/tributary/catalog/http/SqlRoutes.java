package dev.tributary.catalog.http;

import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.NamedQueries;
import dev.tributary.catalog.sql.SqlException;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sql?limit=N}: the body is one read-only SQL statement (or a named query such
 * as {@code sites-tasks}) over the views {@code episodes} and {@code frames}; the answer is {@code
 * {columns, types, rows, truncated}}. Invalid or non-SELECT SQL gets a 400 with a one-line reason.
 * Each request plans the current snapshots and runs on the worker pool, never on the event loop.
 */
public final class SqlRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SqlRoutes.class);
  static final int DEFAULT_LIMIT = 1_000;
  static final int MAX_LIMIT = 10_000;
  static final long BODY_LIMIT = 64 * 1024;

  private final Catalog catalog;
  private final WorkerExecutor io;

  public SqlRoutes(Catalog catalog, WorkerExecutor io) {
    this.catalog = catalog;
    this.io = io;
  }

  /** Adds the route to a router built by {@link CatalogRouter#build}. */
  public void mount(Router router) {
    router
        .post("/api/v1/sql")
        .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
        .handler(this::query);
  }

  void query(RoutingContext ctx) {
    HttpMetrics.name(ctx, "sql");
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      ApiJson.error(ctx, 400, "POST one SQL statement as the request body, e.g. SELECT 1");
      return;
    }
    String limitParam = ctx.request().getParam("limit");
    int limit;
    try {
      limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      ApiJson.error(
          ctx,
          400,
          "query parameter 'limit' must be an integer from 1 to "
              + MAX_LIMIT
              + ", got '"
              + limitParam
              + "'");
      return;
    }
    int rows = limit;
    io.executeBlocking(
            () -> {
              try (CorpusSql sql = CorpusSql.open(catalog)) {
                return sql.query(NamedQueries.resolve(body), rows);
              }
            },
            false)
        .onSuccess(result -> ApiJson.send(ctx, 200, result))
        .onFailure(
            e -> {
              if (e instanceof SqlException) {
                ApiJson.error(ctx, 400, e.getMessage());
              } else {
                LOG.warn("SQL query failed unexpectedly; answering 503", e);
                ApiJson.error(ctx, 503, "cannot run the query: " + e);
              }
            });
  }
}
