package dev.tributary.catalog.http;

import dev.tributary.catalog.config.SqlLimits;
import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.NamedQueries;
import dev.tributary.catalog.sql.SqlException;
import dev.tributary.catalog.sql.SqlLimitException;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sql?limit=N}: the body is one read-only SQL statement (or a named query such
 * as {@code sites-tasks}) over the views {@code episodes} and {@code frames}; the answer is {@code
 * {columns, types, rows, truncated}}. The body is SQL text whatever its content type (curl's
 * default form type included: a {@code %} in {@code LIKE 'x%'} is not a form escape).
 *
 * <p>Bounded by {@link SqlLimits}: statements run on their own worker pool of {@code maxConcurrent}
 * threads (never the pool the dashboard's scans use), one more at a time gets 429 at once, and
 * timeout, memory and result size each end in their own error code. Errors are {@code {"error":
 * one-line message, "code": code}}; invalid or non-SELECT SQL is 400 {@code invalid_sql}.
 */
public final class SqlRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SqlRoutes.class);
  static final int DEFAULT_LIMIT = 1_000;
  static final int MAX_LIMIT = 10_000;
  static final long BODY_LIMIT = 64 * 1024;

  private final Catalog catalog;
  private final WorkerExecutor sqlPool;
  private final SqlLimits limits;
  private final Semaphore running;

  public SqlRoutes(Catalog catalog, Vertx vertx, SqlLimits limits) {
    this.catalog = catalog;
    this.limits = limits;
    this.running = new Semaphore(limits.maxConcurrent());
    this.sqlPool =
        vertx.createSharedWorkerExecutor(
            "tributary-catalog-sql",
            limits.maxConcurrent(),
            limits.statementTimeout().toNanos() * 2,
            java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Adds the route to a router built by {@link CatalogRouter#build}. */
  public void mount(Router router) {
    router.post("/api/v1/sql").handler(this::readBody);
  }

  /** Reads the body as bytes, not as a form: no content type changes what the SQL is. */
  void readBody(RoutingContext ctx) {
    HttpMetrics.name(ctx, "sql");
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("content-length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > BODY_LIMIT) {
      error(ctx, 413, "body_too_large", "SQL body larger than " + BODY_LIMIT + " bytes");
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + chunk.length() > BODY_LIMIT) {
            refused[0] = true;
            error(ctx, 413, "body_too_large", "SQL body larger than " + BODY_LIMIT + " bytes");
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(e -> LOG.debug("SQL request body failed", e));
    request.endHandler(
        v -> {
          if (!refused[0]) {
            query(ctx, body.toString(StandardCharsets.UTF_8));
          }
        });
    request.resume();
  }

  void query(RoutingContext ctx, String body) {
    if (body == null || body.isBlank()) {
      error(ctx, 400, "invalid_sql", "POST one SQL statement as the request body, e.g. SELECT 1");
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
      error(
          ctx,
          400,
          "invalid_limit",
          "query parameter 'limit' must be an integer from 1 to "
              + MAX_LIMIT
              + ", got '"
              + limitParam
              + "'");
      return;
    }
    if (!running.tryAcquire()) {
      ctx.response().putHeader("Retry-After", "1");
      error(
          ctx,
          429,
          "too_many_statements",
          limits.maxConcurrent()
              + " SQL statements are running (sql.max-concurrent): retry when one finishes");
      return;
    }
    int rows = limit;
    sqlPool
        .executeBlocking(
            () -> {
              try (CorpusSql sql =
                  CorpusSql.openBounded(catalog, limits.memoryLimit(), limits.threads())) {
                return sql.query(
                    NamedQueries.resolve(body),
                    rows,
                    limits.statementTimeout(),
                    limits.maxResultBytes());
              } finally {
                running.release();
              }
            },
            false)
        .onSuccess(result -> ApiJson.send(ctx, 200, result))
        .onFailure(
            e -> {
              if (e instanceof SqlLimitException limited) {
                error(ctx, 422, limited.code(), e.getMessage());
              } else if (e instanceof SqlException) {
                error(ctx, 400, "invalid_sql", e.getMessage());
              } else {
                LOG.warn("SQL query failed unexpectedly; answering 503", e);
                error(ctx, 503, "unavailable", "cannot run the query: " + e);
              }
            });
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("code", code);
    ApiJson.send(ctx, status, body);
  }
}
