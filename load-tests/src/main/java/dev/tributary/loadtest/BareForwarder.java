package dev.tributary.loadtest;

import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.gateway.publish.IngestEnvelope;
import dev.tributary.gateway.publish.KafkaSender;
import dev.tributary.gateway.validation.ChunkScanner;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fair baseline for the gateway (issue 17): a bare Vert.x HTTP server that forwards what the
 * load generator sends to Kafka, with nothing of the gateway around it: no authentication, no rate
 * limit, no validation, no episode ledger, no metrics, no router. What it keeps is what any HTTP to
 * Kafka forwarder of these bodies must do, done the gateway's way so that only the gateway's own
 * work differs:
 *
 * <ul>
 *   <li>the same HTTP server setup (as {@code HttpServers.deploy}: {@code GatewayConfig.eventLoops}
 *       verticle instances on one port, same Vert.x event-loop pool size);
 *   <li>the same producer ({@link KafkaSender}: {@link KafkaSender#config} with the gateway's
 *       linger and compression, i.e. the same batching) and the same record per chunk: an {@code
 *       IngestEvent} spliced around the chunk's bytes ({@link IngestEnvelope}) keyed by episode id,
 *       to a topic with the gateway's ingest partition count;
 *   <li>a batch ({@code POST .../chunks}) split into one record per chunk at the chunks' Avro
 *       boundaries ({@link ChunkScanner#scanAt}, what the gateway splits with; a body it cannot
 *       split is answered 400), and answered 202 once every record is acknowledged;
 *   <li>the same 16 MiB in-flight byte budget (503 when spent), so both are loaded alike.
 * </ul>
 *
 * Manifests ({@code PUT /v1/episodes/{id}}) are forwarded as one record too. Runs in a child JVM
 * like {@link GatewayChild} (its CPU time is its own): prints {@code PORT <n>} once it listens and
 * closes on end of stdin. Arguments: bootstrap servers, topic, then the event loops, linger.ms and
 * compression ({@link GatewayTuning}).
 */
public final class BareForwarder {
  private static final String SITE_ID = "site-forwarder-0";
  private static final byte[] ACCEPTED =
      "{\"status\":\"accepted\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final KafkaSender sender;
  private final String topic;
  private final IngestEnvelope envelope = new IngestEnvelope("gw-bench");
  private final int chunkBranch = envelope.branchOf(JointChunk.class);
  private final int manifestBranch = envelope.branchOf(EpisodeManifest.class);
  private final long budgetLimit = GatewayLimits.defaults().maxInFlightProduceBytes();
  private final AtomicLong budgetUsed = new AtomicLong();

  private BareForwarder(KafkaSender sender, String topic) {
    this.sender = sender;
    this.topic = topic;
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    GatewayTuning tuning =
        GatewayTuning.defaults()
            .with(Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
    BenchStack.ensureIngestTopic(bootstrap, topic);
    GatewayConfig defaults = GatewayConfig.defaults();
    try (KafkaSender sender =
        new KafkaSender(
            bootstrap,
            "gw-bench",
            // the gateway's max.request.size (IngestGateway)
            Math.max(defaults.maxChunkBytes(), defaults.maxManifestBytes()) + 128 * 1024,
            tuning.lingerMs(),
            tuning.compression(),
            Map.of())) {
      sender.warmUp(List.of(topic));
      BareForwarder forwarder = new BareForwarder(sender, topic);
      Vertx vertx =
          Vertx.vertx(
              new VertxOptions()
                  .setEventLoopPoolSize(
                      Math.max(tuning.eventLoops(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
      // HttpServers.deploy's setup (N verticle instances on one shared port) without a Router: a
      // Vert.x web router pauses the request for its body handler; here the request handler reads
      // the path by hand.
      HttpServerOptions options =
          new HttpServerOptions()
              .setHost("127.0.0.1")
              .setPort(-1) // one free port shared by all instances
              .setDecompressionSupported(false)
              .setIdleTimeout(120)
              .setIdleTimeoutUnit(TimeUnit.SECONDS);
      List<HttpServer> servers = java.util.Collections.synchronizedList(new ArrayList<>());
      vertx
          .deployVerticle(
              () ->
                  new VerticleBase() {
                    @Override
                    public Future<?> start() {
                      return vertx
                          .createHttpServer(options)
                          .requestHandler(forwarder::handle)
                          .listen()
                          .onSuccess(servers::add);
                    }
                  },
              new DeploymentOptions().setInstances(tuning.eventLoops()))
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      System.out.println("PORT " + servers.get(0).actualPort());
      System.out.flush();
      ParentLink.awaitStdinClosed();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** /v1/episodes/{id} (manifest), /v1/episodes/{id}/chunks/{seq} (chunk), .../chunks (batch). */
  private void handle(HttpServerRequest request) {
    String path = request.path();
    String prefix = "/v1/episodes/";
    if (!path.startsWith(prefix)) {
      request.response().setStatusCode(404).end();
      return;
    }
    int slash = path.indexOf('/', prefix.length());
    String episodeId = path.substring(prefix.length(), slash < 0 ? path.length() : slash);
    String rest = slash < 0 ? "" : path.substring(slash);
    io.vertx.core.Context context = Vertx.currentContext();
    request
        .body()
        .onSuccess(
            body -> {
              byte[] bytes = body.getBytes();
              Future<Void> done;
              try {
                if (rest.isEmpty()) {
                  done =
                      publish(
                          episodeId, manifestBranch, List.of(new int[] {0, bytes.length}), bytes);
                } else if (rest.equals("/chunks")) {
                  done = publish(episodeId, chunkBranch, split(bytes), bytes);
                } else {
                  done =
                      publish(episodeId, chunkBranch, List.of(new int[] {0, bytes.length}), bytes);
                }
              } catch (IllegalArgumentException e) {
                request.response().setStatusCode(400).end(e.getMessage());
                return;
              }
              // answered on the request's event loop, as the gateway does (Handlers.answer)
              done.onComplete(r -> context.runOnContext(v -> answer(request, r)));
            });
  }

  private static void answer(HttpServerRequest request, io.vertx.core.AsyncResult<Void> r) {
    if (r.succeeded()) {
      request
          .response()
          .setStatusCode(202)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(ACCEPTED)); // a buffer per answer, as the gateway's
    } else {
      request.response().setStatusCode(503).end(String.valueOf(r.cause()));
    }
  }

  /** The chunks' [offset, end) in a batch body, found as the gateway finds them. */
  private static List<int[]> split(byte[] body) {
    List<int[]> ranges = new ArrayList<>();
    int offset = 0;
    while (offset < body.length) {
      ChunkScanner.Span span = ChunkScanner.scanAt(body, offset);
      if (span == null) {
        throw new IllegalArgumentException("not a canonical chunk at byte " + offset);
      }
      ranges.add(new int[] {offset, span.end()});
      offset = span.end();
    }
    return ranges;
  }

  /** One record per range, all or none within the budget; completes when all are acknowledged. */
  private Future<Void> publish(String episodeId, int branch, List<int[]> ranges, byte[] body) {
    long now = System.currentTimeMillis() * 1000;
    List<byte[]> records = new ArrayList<>(ranges.size());
    long total = 0;
    for (int[] r : ranges) {
      byte[] record = envelope.wrap(SITE_ID, episodeId, now, branch, body, r[0], r[1] - r[0]);
      records.add(record);
      total += record.length;
    }
    if (!tryAcquire(total)) {
      return Future.failedFuture("in-flight budget spent");
    }
    Promise<Void> promise = Promise.promise();
    AtomicInteger left = new AtomicInteger(records.size());
    for (byte[] record : records) {
      CompletableFuture<?> ack = sender.send(topic, episodeId, record);
      ack.whenComplete(
          (m, error) -> {
            budgetUsed.addAndGet(-record.length);
            if (error != null) {
              promise.tryFail(error);
            } else if (left.decrementAndGet() == 0) {
              promise.tryComplete();
            }
          });
    }
    return promise.future();
  }

  private boolean tryAcquire(long bytes) {
    while (true) {
      long used = budgetUsed.get();
      if (used + bytes > budgetLimit && used > 0) {
        return false;
      }
      if (budgetUsed.compareAndSet(used, used + bytes)) {
        return true;
      }
    }
  }
}
