package dev.tributary.gateway;

import dev.tributary.gateway.auth.AdminAuthenticator;
import dev.tributary.gateway.auth.SiteRegistry;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.gateway.config.GatewayLimits;
import dev.tributary.gateway.http.GatewayRouter;
import dev.tributary.gateway.http.HttpServers;
import dev.tributary.gateway.limits.ByteBudget;
import dev.tributary.gateway.limits.SiteRateLimiter;
import dev.tributary.gateway.metrics.GatewayMetrics;
import dev.tributary.gateway.publish.EpisodeIntake;
import dev.tributary.gateway.publish.IngestPublisher;
import dev.tributary.gateway.publish.KafkaRegistryLog;
import dev.tributary.gateway.publish.KafkaSender;
import dev.tributary.gateway.publish.TopicFollower;
import dev.tributary.gateway.status.EpisodeLedger;
import dev.tributary.gateway.status.Readiness;
import dev.tributary.gateway.status.VerdictBoard;
import dev.tributary.gateway.video.VideoStore;
import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.topic.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway: wires the registry, the intake, Kafka, the object store and the HTTP server,
 * and owns their lifecycle. Everything it does lives in the role packages; this class only builds
 * and closes.
 */
public final class IngestGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);
  private static final Duration REGISTRY_CATCH_UP = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final GatewayConfig config;
  private final GatewayLimits limits;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final AtomicInteger inFlightRequests = new AtomicInteger();
  private Admin admin;
  private KafkaSender sender;
  private TopicFollower<RegistryEntry> registryFollower;
  private TopicFollower<CurationVerdict> verdictFollower;
  private VideoStore videos;
  private ExecutorService videoChecks;
  private Readiness readiness;
  private Vertx vertx;

  /** One HTTP server per event loop, all on the same port (Vert.x spreads connections). */
  private volatile List<HttpServer> servers = List.of();

  private volatile boolean closed;

  private IngestGateway(GatewayConfig config, GatewayLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  /** Starts with {@link GatewayLimits#defaults()}. */
  public static IngestGateway start(GatewayConfig config) {
    return start(config, GatewayLimits.defaults());
  }

  /**
   * Creates missing topics and the video bucket, loads the site registry, and listens. Blocks until
   * the gateway accepts requests.
   *
   * @throws IllegalStateException with a one-line fix-it message on bad configuration, an
   *     unreachable Kafka or object store, or a port already in use
   */
  public static IngestGateway start(GatewayConfig config, GatewayLimits limits) {
    config.validate();
    limits.validate();
    IngestGateway gateway = new IngestGateway(config, limits);
    try {
      gateway.startAll();
      return gateway;
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private void startAll() {
    long start = System.nanoTime();
    int maxRecordBytes = Math.max(config.maxChunkBytes(), config.maxManifestBytes()) + 64 * 1024;
    admin = KafkaSetup.admin(config);
    KafkaSetup.ensureTopics(admin, config);
    KafkaSetup.raiseIngestRecordLimit(admin, maxRecordBytes);

    videos =
        new VideoStore(
            config.s3Endpoint(),
            config.presignEndpoint(),
            config.s3PathStyle(),
            config.s3Region(),
            config.s3AccessKey(),
            config.s3SecretKey(),
            config.videoBucket());
    try {
      videos.ensureBucket();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the object store at "
              + config.s3Endpoint()
              + " did not let the gateway use bucket '"
              + config.videoBucket()
              + "' ("
              + e.getMessage()
              + "): start the store or fix s3Endpoint / the S3 credentials",
          e);
    }

    sender =
        new KafkaSender(
            config.bootstrapServers(),
            config.gatewayId(),
            maxRecordBytes + 64 * 1024,
            config.producerLingerMs(),
            config.producerCompression(),
            config.kafka());
    sender.warmUp(List.of(Topics.INGEST.name(), Topics.REGISTRY.name()));

    SiteRegistry registry = new SiteRegistry(new KafkaRegistryLog(sender), Clock.systemUTC());
    registryFollower =
        new TopicFollower<>(
            config.bootstrapServers(),
            config.kafka(),
            "ingest-gateway-" + config.gatewayId() + "-registry",
            Topics.REGISTRY,
            registry::apply);
    registryFollower.start();
    awaitRegistry();

    VerdictBoard verdicts = new VerdictBoard(limits.trackedVerdicts());
    verdictFollower =
        new TopicFollower<>(
            config.bootstrapServers(),
            config.kafka(),
            "ingest-gateway-" + config.gatewayId() + "-verdicts",
            Topics.VERDICTS,
            (key, verdict, offset) -> verdicts.apply(key, verdict));
    verdictFollower.start();

    videoChecks =
        Executors.newFixedThreadPool(
            limits.videoCheckThreads(), new DaemonThreads("gateway-video-check"));
    EpisodeLedger ledger = new EpisodeLedger(limits.trackedEpisodes());
    ByteBudget produceBudget = new ByteBudget(limits.maxInFlightProduceBytes());
    IngestPublisher publisher =
        new IngestPublisher(sender, config.gatewayId(), produceBudget, metrics, Clock.systemUTC());
    EpisodeIntake intake =
        new EpisodeIntake(
            publisher,
            ledger,
            verdicts,
            videos,
            videoChecks,
            config.presignTtl(),
            config.videoPartSize());

    readiness =
        new Readiness(() -> registryFollower.healthy() && KafkaSetup.answers(admin), videos::ping);
    readiness.start(Duration.ofSeconds(2));
    registerGauges(registry, ledger, verdicts, produceBudget);

    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(
                    Math.max(config.eventLoops(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
    GatewayRouter.Collaborators collaborators =
        new GatewayRouter.Collaborators(
            config,
            limits,
            registry,
            new AdminAuthenticator(config.adminToken()),
            new SiteRateLimiter(
                limits.siteRequestsPerSecond(), limits.siteBurst(), System::nanoTime),
            intake,
            readiness,
            metrics,
            inFlightRequests);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            // No transparent decompression: Netty would close the connection on a bad gzip body
            // instead of answering. Handlers inflate within the route's limit (BoundedInflater).
            .setDecompressionSupported(false)
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (config.tls()) {
      // HTTP/2 over ALPN when the client offers it (Vert.x 5 uses the JDK's ALPN), HTTP/1.1 else.
      options
          .setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(config.tlsCertPath().toString())
                  .setKeyPath(config.tlsKeyPath().toString()));
    }
    // One router for all instances: its handlers keep no per-loop state except RequestDeadlines,
    // which is per thread; everything they share (registry, rate limiter, ledger, budgets,
    // metrics) is thread-safe.
    Router router = GatewayRouter.build(vertx, collaborators);
    try {
      servers =
          HttpServers.deploy(vertx, options, router, config.eventLoops())
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use")) {
        throw new IllegalStateException(
            "port "
                + config.port()
                + " on "
                + config.host()
                + " is already in use: stop the other process or choose another gateway port (0"
                + " picks a free one)",
            cause);
      }
      throw new IllegalStateException(
          "the gateway could not listen on " + config.host() + ":" + config.port() + ": " + cause,
          cause);
    }
    LOG.info(
        "ingest gateway {} listening on {} ({} event loops) in {} ms (kafka {}, object store {},"
            + " bucket {})",
        config.gatewayId(),
        baseUrl(),
        config.eventLoops(),
        (System.nanoTime() - start) / 1_000_000,
        config.bootstrapServers(),
        config.s3Endpoint(),
        config.videoBucket());
  }

  private void awaitRegistry() {
    try {
      if (!registryFollower.awaitCaughtUp(REGISTRY_CATCH_UP)) {
        throw new IllegalStateException(
            "the site registry (topic "
                + Topics.REGISTRY
                + ") was not loaded within "
                + REGISTRY_CATCH_UP.toSeconds()
                + " s: check that Kafka at "
                + config.bootstrapServers()
                + " is healthy");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the site registry", e);
    }
  }

  private void registerGauges(
      SiteRegistry registry, EpisodeLedger ledger, VerdictBoard verdicts, ByteBudget budget) {
    metrics.gauge(
        "tributary.gateway.requests.inflight", "requests being processed", inFlightRequests::get);
    metrics.gauge(
        "tributary.gateway.produce.inflight.bytes",
        "bytes handed to Kafka and not yet acknowledged",
        budget::used);
    metrics.gauge("tributary.gateway.registry.entries", "sites, codes and tokens", registry::size);
    metrics.gauge("tributary.gateway.episodes.tracked", "episodes in the ledger", ledger::size);
    metrics.gauge("tributary.gateway.verdicts.tracked", "verdicts remembered", verdicts::size);
    metrics.gauge(
        "tributary.gateway.ready",
        "1 when Kafka and the object store answer",
        () -> readiness.state().ready() ? 1 : 0);
  }

  public int port() {
    return servers.get(0).actualPort();
  }

  /** {@code http://<host>:<port>/}, or {@code https://} with TLS configured. */
  public URI baseUrl() {
    return URI.create((config.tls() ? "https://" : "http://") + config.host() + ":" + port() + "/");
  }

  /**
   * Graceful: stops accepting, lets in-flight requests finish (up to 30 s), flushes and closes the
   * producer, then stops everything else.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (readiness != null) {
      readiness.drain();
    }
    if (!servers.isEmpty()) {
      quietly("stopping the HTTP server", this::drainHttp);
    }
    if (videoChecks != null) {
      videoChecks.shutdown();
    }
    if (sender != null) {
      quietly("flushing and closing the Kafka producer", sender::close);
    }
    if (registryFollower != null) {
      registryFollower.close();
    }
    if (verdictFollower != null) {
      verdictFollower.close();
    }
    if (readiness != null) {
      readiness.close();
    }
    if (videos != null) {
      quietly("closing the object store client", videos::close);
    }
    if (admin != null) {
      quietly("closing the Kafka admin client", () -> admin.close(Duration.ofSeconds(5)));
    }
    if (vertx != null) {
      quietly(
          "closing Vert.x",
          () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
    metrics.registry().close();
    LOG.info("ingest gateway {} stopped", config.gatewayId());
  }

  /**
   * Stops accepting connections, waits until no request is in flight (their answers depend on Kafka
   * acks, so the producer is still open), then closes what is left: idle keep-alive connections
   * would otherwise hold a graceful shutdown open until its timeout.
   */
  private void drainHttp() throws Exception {
    List<HttpServer> all = servers;
    CompletableFuture<Void> graceful =
        CompletableFuture.allOf(
            all.stream()
                .map(
                    s ->
                        s.shutdown(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .toCompletionStage()
                            .toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (!graceful.isDone() && inFlightRequests.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int left = inFlightRequests.get();
    if (left > 0) {
      LOG.warn(
          "shutdown: {} request(s) still in flight after {}; closing anyway", left, DRAIN_TIMEOUT);
    }
    if (!graceful.isDone()) {
      for (HttpServer s : all) {
        s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("shutdown: interrupted while {}", what);
    } catch (Exception e) {
      LOG.warn("shutdown: {} failed: {}", what, e.toString());
    }
  }
}
