package dev.tributary.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RequestDeadlines, and HttpServers spreading connections over event loops on one port. */
class RequestDeadlinesTest {
  private Vertx vertx;
  private RequestDeadlines deadlines;
  private final Set<String> servedBy = ConcurrentHashMap.newKeySet();
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    deadlines = new RequestDeadlines(100);
    Router router = Router.router(vertx);
    router
        .get("/slow")
        .handler(deadlines.handler(100))
        .handler(ctx -> servedBy.add(Thread.currentThread().getName())); // never answers
    router
        .get("/fast")
        .handler(deadlines.handler(100))
        .handler(
            ctx -> {
              servedBy.add(Thread.currentThread().getName());
              ctx.response().end("ok");
            });
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end());
    List<HttpServer> servers =
        HttpServers.deploy(
                vertx, new HttpServerOptions().setHost("127.0.0.1").setPort(0), router, 3)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    port = servers.get(0).actualPort();
    assertThat(servers).hasSize(3).allMatch(s -> s.actualPort() == port);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int status(HttpClient client, String path) throws Exception {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(r -> r.send())
        .map(HttpClientResponse::statusCode)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void theSweepPeriodFollowsTheShortestTimeout() {
    assertThat(new RequestDeadlines(30_000).periodMs()).isEqualTo(1000);
    assertThat(new RequestDeadlines(20).periodMs()).isEqualTo(5);
    assertThat(new RequestDeadlines(100).periodMs()).isEqualTo(10);
  }

  @Test
  void anUnansweredRequestGets503AfterItsTimeoutAndAnsweredOnesAreForgotten() throws Exception {
    List<HttpClient> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clients.add(vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(1)));
    }
    for (int round = 0; round < 50; round++) {
      for (HttpClient client : clients) {
        assertThat(status(client, "/fast")).isEqualTo(200);
      }
    }
    long start = System.nanoTime();
    assertThat(status(clients.get(0), "/slow")).isEqualTo(503);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(tookMs).isBetween(90L, 2_000L);
    // Connections are spread over the instances' event loops, and nothing stays watched.
    assertThat(servedBy.size()).isGreaterThan(1);
    assertThat(deadlines.loops()).isGreaterThan(1);
    Awaitility.await().atMost(2, TimeUnit.SECONDS).until(() -> deadlines.watched() == 0);
  }

  @Test
  void theListUnlinksInAnyOrder() {
    RequestDeadlines.Loop loop = new RequestDeadlines.Loop();
    RequestDeadlines.Entry a = loop.add(null, 1);
    RequestDeadlines.Entry b = loop.add(null, 2);
    RequestDeadlines.Entry c = loop.add(null, 3);
    loop.remove(b);
    loop.remove(b);
    assertThat(loop.size()).isEqualTo(2);
    loop.remove(a);
    loop.remove(c);
    assertThat(loop.size()).isZero();
    RequestDeadlines.Entry d = loop.add(null, 4);
    assertThat(loop.size()).isEqualTo(1);
    loop.sweep(0); // not due: untouched
    assertThat(loop.size()).isEqualTo(1);
    loop.remove(d);
    assertThat(loop.size()).isZero();
  }
}
