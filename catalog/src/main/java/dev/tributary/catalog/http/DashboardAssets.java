package dev.tributary.catalog.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files, read from the classpath once at start-up and served from memory: no
 * CDN, no file cache on disk, works offline.
 */
public final class DashboardAssets {

  static final String ROOT = "catalog-dashboard/";
  private static final List<String> FILES =
      List.of("index.html", "app.js", "style.css", "site.html", "site.js");

  private final Map<String, Buffer> content = new HashMap<>();

  private DashboardAssets() {}

  public static DashboardAssets load() {
    DashboardAssets assets = new DashboardAssets();
    ClassLoader loader = DashboardAssets.class.getClassLoader();
    for (String file : FILES) {
      try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
        if (in == null) {
          throw new IllegalStateException(
              "dashboard asset " + ROOT + file + " is missing from the catalog jar");
        }
        assets.content.put(file, Buffer.buffer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("reading dashboard asset " + file, e);
      }
    }
    return assets;
  }

  /** Serves {@code index.html}. */
  public void index(RoutingContext ctx) {
    serve(ctx, "index.html");
  }

  /** Serves the participant view, {@code site.html}. */
  public void site(RoutingContext ctx) {
    serve(ctx, "site.html");
  }

  /** Serves {@code /assets/:file}; 404 for anything not bundled. */
  public void asset(RoutingContext ctx) {
    serve(ctx, ctx.pathParam("file"));
  }

  private void serve(RoutingContext ctx, String file) {
    HttpMetrics.name(ctx, "dashboard");
    Buffer body = file == null ? null : content.get(file);
    if (body == null) {
      ctx.response().setStatusCode(404).putHeader("content-type", "text/plain").end("not found");
      return;
    }
    ctx.response()
        .putHeader("content-type", contentType(file))
        .putHeader("cache-control", "no-cache")
        .end(body);
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "text/css; charset=utf-8";
  }
}
