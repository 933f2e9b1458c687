package dev.tributary.catalog;

import dev.tributary.catalog.auth.AdminTokens;
import dev.tributary.catalog.auth.DashboardSessions;
import dev.tributary.catalog.auth.Role;
import dev.tributary.catalog.auth.TokenStore;
import dev.tributary.catalog.config.CatalogAuthConfig;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.http.Access;
import dev.tributary.catalog.http.ApiRoutes;
import dev.tributary.catalog.http.AuthRoutes;
import dev.tributary.catalog.http.CatalogRouter;
import dev.tributary.catalog.http.DashboardAssets;
import dev.tributary.catalog.http.EpisodesRoutes;
import dev.tributary.catalog.http.HttpMetrics;
import dev.tributary.catalog.http.LiveEvents;
import dev.tributary.catalog.http.SiteRoutes;
import dev.tributary.catalog.http.SiteStatsCache;
import dev.tributary.catalog.http.SqlRoutes;
import dev.tributary.catalog.http.ThumbnailRoutes;
import dev.tributary.catalog.live.PipelineLagMonitor;
import dev.tributary.catalog.live.SiteTokens;
import dev.tributary.catalog.live.VerdictFeed;
import dev.tributary.catalog.query.CorpusScan;
import dev.tributary.catalog.query.EpisodeVideoQuery;
import dev.tributary.catalog.query.RecentEpisodesQuery;
import dev.tributary.catalog.rest.IcebergRestRoutes;
import dev.tributary.catalog.thumbnail.Thumbnails;
import dev.tributary.schema.table.LakeConfig;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog service: one HTTP port serving the organizers' dashboard ({@code /}), per-site
 * statistics ({@code /api/v1/...}), the Iceberg REST catalog for other engines ({@code /iceberg/}),
 * Prometheus metrics and health. It reads the lake the curation pipeline writes and never writes
 * the curated tables itself.
 */
public final class CatalogService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

  /** Threads for Iceberg and Parquet I/O; the event loop never blocks on the lake. */
  static final int IO_THREADS = 4;

  private static final long START_TIMEOUT_S = 30;
  private static final int OPEN_ATTEMPTS = 5;
  private static final long OPEN_RETRY_MILLIS = 200;
  private static final long STOP_TIMEOUT_S = 15;

  private final Vertx vertx;
  private final HttpServer server;
  private final Catalog catalog;
  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> meterBinders;
  private final LiveEvents live;
  private final VerdictFeed feed;
  private final PipelineLagMonitor lag;
  private final SiteTokens tokens;
  private final URI baseUrl;
  private final String adminToken;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private CatalogService(
      Vertx vertx,
      HttpServer server,
      Catalog catalog,
      PrometheusMeterRegistry registry,
      List<AutoCloseable> meterBinders,
      LiveEvents live,
      VerdictFeed feed,
      PipelineLagMonitor lag,
      SiteTokens tokens,
      String host,
      boolean tls,
      String adminToken) {
    this.adminToken = adminToken;
    this.tokens = tokens;
    this.lag = lag;
    this.live = live;
    this.feed = feed;
    this.vertx = vertx;
    this.server = server;
    this.catalog = catalog;
    this.registry = registry;
    this.meterBinders = meterBinders;
    this.baseUrl =
        URI.create(
            (tls ? "https://" : "http://") + hostForUrl(host) + ":" + server.actualPort() + "/");
  }

  /**
   * Opens the lake's catalog and starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException with a one-line explanation when the catalog cannot be opened or
   *     the port cannot be bound
   */
  public static CatalogService start(CatalogServiceConfig config) {
    Objects.requireNonNull(config, "config");
    Catalog catalog = openCatalog(config.lake());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<AutoCloseable> binders = bindJvmMetrics(registry);
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                // Assets are served from memory: no classpath extraction into a cache folder.
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false)));
    VerdictFeed feed = null;
    PipelineLagMonitor lag = null;
    SiteTokens tokens = null;
    try {
      CatalogAuthConfig authConfig = config.auth();
      TokenStore tokenStore = null;
      String adminToken = null;
      if (authConfig.enabled()) {
        tokenStore =
            new TokenStore(authConfig.tokensFile(), authConfig.accessTokenTtl(), Clock.systemUTC());
        adminToken = AdminTokens.resolve(authConfig);
        tokenStore.addConfigured(TokenStore.CONFIGURED_ADMIN, Role.ADMIN, adminToken);
      }
      Access access =
          new Access(
              tokenStore,
              authConfig.publicDashboard(),
              tokenStore == null
                  ? null
                  : new DashboardSessions(
                      tokenStore,
                      authConfig.dashboardSessionTtl(),
                      authConfig.maxDashboardSessions(),
                      Clock.systemUTC()));
      if (config.liveFeed()) {
        tokens = SiteTokens.start(config.kafkaBootstrapServers());
      }
      WorkerExecutor io = vertx.createSharedWorkerExecutor("tributary-catalog-io", IO_THREADS);
      SiteStatsCache stats =
          new SiteStatsCache(
              new CorpusScan(catalog, Clock.systemUTC())::run,
              config.statsRefresh(),
              io,
              registry,
              Clock.systemUTC());
      LiveEvents live = new LiveEvents(vertx, stats, config.statsRefresh(), registry);
      var router =
          CatalogRouter.build(
              vertx,
              new HttpMetrics(registry),
              new ApiRoutes(stats, catalog, io, registry),
              new EpisodesRoutes(new RecentEpisodesQuery(catalog), io),
              DashboardAssets.load(),
              live,
              new SiteRoutes(tokens, stats, new RecentEpisodesQuery(catalog), io),
              new IcebergRestRoutes(catalog, config.lake(), io),
              access,
              new AuthRoutes(tokenStore, access, io));
      new SqlRoutes(catalog, vertx, config.sql())
          .mount(router); // POST /api/v1/sql (issue 6 item 2)
      new ThumbnailRoutes( // GET /api/v1/episodes/{id}/thumbnail.jpg (issue 7)
              config.videos() == null
                  ? null
                  : new Thumbnails(new EpisodeVideoQuery(catalog), config.videos()),
              io)
          .mount(router);
      HttpServerOptions options =
          new HttpServerOptions().setHost(config.host()).setPort(config.port());
      if (config.tls()) {
        // HTTP/2 over ALPN when the client offers it, HTTP/1.1 otherwise.
        options
            .setSsl(true)
            .setUseAlpn(true)
            .setKeyCertOptions(
                new PemKeyCertOptions()
                    .setCertPath(config.tlsCertPath().toString())
                    .setKeyPath(config.tlsKeyPath().toString()));
      }
      HttpServer server =
          await(vertx.createHttpServer(options).requestHandler(router).listen(), config);
      if (config.liveFeed()) {
        feed =
            VerdictFeed.start(
                config.kafkaBootstrapServers(),
                config.verdictBackfill(),
                live::onVerdict,
                registry);
        lag =
            PipelineLagMonitor.start(
                config.kafkaBootstrapServers(), config.pipelineGroupId(), registry);
      }
      CatalogService service =
          new CatalogService(
              vertx,
              server,
              catalog,
              registry,
              binders,
              live,
              feed,
              lag,
              tokens,
              config.host(),
              config.tls(),
              adminToken);
      LOG.info(
          "catalog auth: {}",
          authConfig.enabled()
              ? "bearer tokens (organizer, data-team, admin); dashboard "
                  + (authConfig.publicDashboard()
                      ? "public read-only"
                      : "needs a token or a sign-in on the page")
                  + "; issued tokens in "
                  + (authConfig.tokensFile() == null ? "memory only" : authConfig.tokensFile())
              : "OFF (loopback only): every caller is an admin");
      LOG.info(
          "catalog service listening on {} (lake catalog {} at {}, warehouse {})",
          service.baseUrl,
          config.lake().catalogName(),
          config.lake().catalogUri(),
          config.lake().warehouse());
      LOG.info(
          "catalog live feed: {}",
          config.liveFeed()
              ? "verdicts from " + config.kafkaBootstrapServers()
              : "off (no Kafka configured); dashboards update on the periodic rescan");
      return service;
    } catch (RuntimeException e) {
      if (feed != null) {
        feed.close();
      }
      if (lag != null) {
        lag.close();
      }
      if (tokens != null) {
        tokens.close();
      }
      closeQuietly(vertx, catalog, registry, binders);
      throw e;
    }
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * The bootstrap admin token (from config, its file, or generated for this process); null when
   * authentication is off.
   */
  public String adminToken() {
    return adminToken;
  }

  /** {@code http://<host>:<port>/}, or {@code https://} with TLS. */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Stops listening, then closes the worker threads and the catalog's JDBC connections. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (feed != null) {
      feed.close();
    }
    if (lag != null) {
      lag.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    live.close();
    closeQuietly(vertx, catalog, registry, meterBinders);
    LOG.info("catalog service on {} stopped", baseUrl);
  }

  private static Catalog openCatalog(LakeConfig lake) {
    createSqliteFolder(lake.catalogUri());
    try {
      return CatalogUtil.buildIcebergCatalog(
          lake.catalogName(),
          lake.toCatalogProperties(),
          new org.apache.hadoop.conf.Configuration());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "catalog service cannot open the Iceberg catalog at "
              + lake.catalogUri()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  /** SQLite creates the database file but not its folder; a fresh data folder has neither. */
  private static void createSqliteFolder(String catalogUri) {
    String prefix = "jdbc:sqlite:";
    if (!catalogUri.startsWith(prefix) || catalogUri.contains(":memory:")) {
      return;
    }
    String file = catalogUri.substring(prefix.length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      return; // URI form; leave it to SQLite
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (Exception e) {
      throw new IllegalStateException(
          "catalog service cannot create the catalog folder " + parent + ": " + rootMessage(e), e);
    }
  }

  private static HttpServer await(Future<HttpServer> listening, CatalogServiceConfig config) {
    try {
      return listening
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof BindException || String.valueOf(cause).contains("Address already in use")
              ? "address already in use; stop the other process or choose another port (0 = any"
                  + " free port)"
              : rootMessage(cause);
      throw new IllegalStateException(
          "catalog service cannot listen on " + config.host() + ":" + config.port() + ": " + why,
          cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "catalog service did not bind "
              + config.host()
              + ":"
              + config.port()
              + " within "
              + START_TIMEOUT_S
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the catalog service", e);
    }
  }

  private static List<AutoCloseable> bindJvmMetrics(PrometheusMeterRegistry registry) {
    List<AutoCloseable> closeables = new ArrayList<>();
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return closeables;
  }

  private static void closeQuietly(
      Vertx vertx, Catalog catalog, PrometheusMeterRegistry registry, List<AutoCloseable> binders) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("closing the catalog service's Vert.x instance did not finish cleanly", e);
    }
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing the Iceberg catalog {} failed", catalog.name(), e);
      }
    }
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        LOG.debug("closing a JVM metrics binder failed", e);
      }
    }
    registry.close();
  }

  private static String hostForUrl(String host) {
    if ("0.0.0.0".equals(host)) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
