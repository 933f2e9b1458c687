package dev.tributary.launcher;

import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogAuthConfig;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.curation.CurationPipeline;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.metrics.MetricsEndpoint;
import dev.tributary.gateway.IngestGateway;
import dev.tributary.gateway.config.GatewayConfig;
import dev.tributary.infra.embedded.EmbeddedKafka;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import dev.tributary.infra.embedded.Ports;
import dev.tributary.recorder.fleet.SimulatedSite;
import dev.tributary.recorder.fleet.SimulatedSiteConfig;
import dev.tributary.schema.table.LakeConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: a KRaft broker, an S3-compatible store, the Iceberg catalog on
 * SQLite, the gateway, the curation pipeline, the catalog service and (optionally) a simulated
 * fleet. Components start in data-flow order and stop in reverse; every start is safe to repeat on
 * the same data folder.
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

  /** Credentials of the embedded object store: loopback only, never used outside this machine. */
  static final String S3_ACCESS_KEY = "tributary";

  static final String S3_SECRET_KEY = "tributary-local-secret";

  private final PlatformConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<SimulatedSite> fleet = new ArrayList<>();
  private EmbeddedKafka kafka;
  private EmbeddedObjectStore objectStore;
  private IngestGateway gateway;
  private CurationPipeline pipeline;
  private MetricsEndpoint pipelineMetrics;
  private CatalogService catalog;
  private String adminToken;
  private String catalogAdminToken;

  private EmbeddedPlatform(PlatformConfig config) {
    this.config = config;
  }

  /** Starts everything, or stops what was started and rethrows with a one-line reason. */
  public static EmbeddedPlatform start(PlatformConfig config) {
    EmbeddedPlatform platform = new EmbeddedPlatform(config);
    try {
      platform.startAll();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startAll() {
    DataDirectory.prepare(config.dataDir());
    adminToken = DataDirectory.secret(config.dataDir(), "admin-token");
    catalogAdminToken = DataDirectory.secret(config.dataDir(), "catalog-admin-token");

    kafka = track(EmbeddedKafka.start(config.kafkaDir(), config.kafkaPort(), 0));
    objectStore =
        track(
            EmbeddedObjectStore.start(
                config.objectsDir(), config.s3Port(), S3_ACCESS_KEY, S3_SECRET_KEY));

    gateway =
        track(
            IngestGateway.start(
                GatewayConfig.defaults()
                    .withPort(config.gatewayPort())
                    .withBootstrapServers(kafka.bootstrapServers())
                    .withIngestPartitions(config.ingestPartitions())
                    .withS3Endpoint(objectStore.endpoint())
                    .withS3Credentials(S3_ACCESS_KEY, S3_SECRET_KEY)
                    .withAdminToken(adminToken)));

    pipelineMetrics = track(MetricsEndpoint.start(Ports.LOOPBACK, config.pipelineMetricsPort()));
    pipeline =
        track(
            CurationPipeline.start(
                PipelineConfig.defaults(kafka.bootstrapServers(), lake())
                    .withCommitInterval(config.commitInterval())
                    // camera checks read the gateway's video bucket (default tributary-videos)
                    .withObjectStore(
                        PipelineConfig.ObjectStore.of(
                            objectStore.endpoint(), S3_ACCESS_KEY, S3_SECRET_KEY)),
                pipelineMetrics.registry()));

    catalog =
        track(
            CatalogService.start(
                CatalogServiceConfig.defaults(lake())
                    .withPort(config.catalogPort())
                    .withKafka(kafka.bootstrapServers())
                    .withVideos(VideoSource.localObjects(config.objectsDir(), "tributary-videos"))
                    // Tokens for SQL, the Iceberg REST catalog and token management; the
                    // dashboard is public read-only, as the catalog listens on loopback only.
                    .withAuth(
                        CatalogAuthConfig.defaults()
                            .withAdminToken(catalogAdminToken)
                            .withTokensFile(config.dataDir().resolve("catalog-tokens"))
                            .withPublicDashboard(true))));

    if (config.sites() > 0) {
      startFleet(config.sites(), System.currentTimeMillis());
    }
  }

  /** The Iceberg catalog (SQLite) and warehouse (local folder) of this platform. */
  public LakeConfig lake() {
    return LakeConfig.embedded(config.dataDir());
  }

  /**
   * Starts simulated sites against this platform's gateway.
   *
   * @param seed episode ids and motion derive from (site, seed, index): reuse a seed to re-send the
   *     same episodes
   */
  public List<SimulatedSite> startFleet(int count, long seed) {
    return startFleet(count, seed, config.fleet(), config.sitesDir());
  }

  public List<SimulatedSite> startFleet(
      int count, long seed, PlatformConfig.FleetConfig fleetConfig, Path spoolRoot) {
    AdminClient admin = new AdminClient(gateway.baseUrl(), adminToken);
    List<SimulatedSite> sites = new ArrayList<>();
    for (FleetSites.SiteName name : FleetSites.first(count)) {
      admin.ensureSite(name.siteId(), name.displayName(), name.country());
      SimulatedSite site =
          SimulatedSite.start(
              new SimulatedSiteConfig(
                  name.siteId(),
                  gateway.baseUrl(),
                  admin.enrolmentCode(name.siteId()),
                  spoolRoot.resolve(name.siteId()),
                  fleetConfig.episodes(),
                  fleetConfig.episodeLength(),
                  fleetConfig.pauseBetweenEpisodes(),
                  fleetConfig.cameras(),
                  fleetConfig.width(),
                  fleetConfig.height(),
                  fleetConfig.videoFps(),
                  fleetConfig.jointHz(),
                  seed ^ name.siteId().hashCode(),
                  fleetConfig.realtime()));
      track(site);
      sites.add(site);
      fleet.add(site);
    }
    LOG.info("simulated fleet of {} sites recording", sites.size());
    return sites;
  }

  private <T extends AutoCloseable> T track(T component) {
    started.push(component);
    return component;
  }

  public PlatformConfig config() {
    return config;
  }

  /**
   * Why the curation pipeline stopped on its own ({@link
   * dev.tributary.curation.PipelineStats#stoppedOnItsOwn()}), null while it runs.
   */
  public String stoppedOnItsOwn() {
    return pipeline.stats().stoppedOnItsOwn();
  }

  public URI gatewayUrl() {
    return gateway.baseUrl();
  }

  public URI dashboardUrl() {
    return catalog.baseUrl();
  }

  public URI pipelineMetricsUrl() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + pipelineMetrics.port() + "/metrics");
  }

  public URI objectStoreUrl() {
    return objectStore.endpoint();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String adminToken() {
    return adminToken;
  }

  /** The catalog service's admin token ({@code <data>/catalog-admin-token}). */
  public String catalogAdminToken() {
    return catalogAdminToken;
  }

  public List<SimulatedSite> fleet() {
    return List.copyOf(fleet);
  }

  /** Stops the fleet, then the services, then the infrastructure: the reverse of start. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (
          Throwable e) { // keep stopping the rest: a broker left running can exit the JVM later
        LOG.warn(
            "stopping {} failed, continuing with the rest: {}",
            component.getClass().getSimpleName(),
            e.toString());
      }
    }
  }
}
