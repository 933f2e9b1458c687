package dev.tributary.gateway.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Deploys the HTTP server as {@code instances} verticle instances, each on its own event loop and
 * all on one port: Vert.x hands new connections to the instances in turn, so requests are served by
 * several event loops instead of one. They share one router; see {@link GatewayRouter} for what the
 * handlers share (all of it thread-safe) and {@link RequestDeadlines} for the one per-loop
 * structure.
 */
public final class HttpServers {
  private HttpServers() {}

  /**
   * Deploys and listens; the future completes with every instance's server once all listen.
   *
   * @param options the port 0 ("any free port") is turned into -1, Vert.x's "one free port shared
   *     by all instances" (0 would give each instance a port of its own)
   */
  public static Future<List<HttpServer>> deploy(
      Vertx vertx, HttpServerOptions options, Router router, int instances) {
    HttpServerOptions shared = new HttpServerOptions(options);
    if (shared.getPort() == 0) {
      shared.setPort(-1);
    }
    List<HttpServer> servers = Collections.synchronizedList(new ArrayList<>());
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return vertx
                        .createHttpServer(shared)
                        .requestHandler(router)
                        .listen()
                        .onSuccess(servers::add);
                  }
                },
            new DeploymentOptions().setInstances(instances))
        .map(
            id -> {
              synchronized (servers) {
                return List.copyOf(servers);
              }
            });
  }
}
