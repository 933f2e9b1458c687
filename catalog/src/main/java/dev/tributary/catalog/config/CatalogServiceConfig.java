package dev.tributary.catalog.config;

import dev.tributary.catalog.export.VideoSource;
import dev.tributary.schema.config.Configs;
import dev.tributary.schema.config.Default;
import dev.tributary.schema.table.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the catalog service needs to start: where to listen, which lake to serve and how long
 * the per-site statistics may be cached (so many open dashboards cost one table scan, not one
 * each).
 *
 * @param host interface to bind; loopback by default
 * @param port TCP port, {@code 0} picks a free one
 * @param lake the Iceberg catalog and warehouse the curation pipeline writes
 * @param statsRefresh how long a computed per-site statistic is served from cache; {@code null}
 *     means {@link #DEFAULT_STATS_REFRESH}
 * @param kafkaBootstrapServers where to read the verdict topic for the live feed; {@code null} or
 *     blank means no live feed (the dashboard then updates on its periodic rescan only)
 * @param verdictBackfill verdicts per partition the live feed replays when it starts
 * @param pipelineGroupId the curation pipeline's consumer group, whose lag on the ingest topic the
 *     service exports (with Kafka configured); {@code null} means {@link #DEFAULT_PIPELINE_GROUP}
 * @param videos where the episodes' video objects ({@code video_keys}) are, for the feed's
 *     thumbnails; {@code null} means none (thumbnails answer 404 {@code videos_not_configured})
 * @param tlsCertPath PEM certificate chain (server certificate first); with {@code tlsKeyPath} the
 *     service serves HTTPS only (HTTP/2 over ALPN, HTTP/1.1 otherwise); null: plain HTTP
 * @param tlsKeyPath PEM private key of {@code tlsCertPath}
 * @param auth tokens and roles ({@link CatalogAuthConfig}); null: its defaults (tokens required)
 * @param sql bounds on {@code POST /api/v1/sql} ({@link SqlLimits}); null: its defaults
 */
public record CatalogServiceConfig(
    @Default("127.0.0.1") String host,
    @Default("8181") int port,
    LakeConfig lake,
    @Default("2s") Duration statsRefresh,
    String kafkaBootstrapServers,
    @Default("50") int verdictBackfill,
    @Default("tributary-curation") String pipelineGroupId,
    VideoSource videos,
    Path tlsCertPath,
    Path tlsKeyPath,
    CatalogAuthConfig auth,
    SqlLimits sql) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8181;
  public static final Duration DEFAULT_STATS_REFRESH = Duration.ofSeconds(2);
  public static final int DEFAULT_VERDICT_BACKFILL = 50;

  /** The pipeline's default group ({@code PipelineConfig.DEFAULT_GROUP_ID}). */
  public static final String DEFAULT_PIPELINE_GROUP = "tributary-curation";

  public CatalogServiceConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "catalog host must be an interface address such as 127.0.0.1, got '" + host + "'");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "catalog port must be between 0 (any free port) and 65535, got " + port);
    }
    if (lake == null) {
      throw new IllegalArgumentException(
          "catalog needs a lake (Iceberg catalog URI and warehouse); none was given");
    }
    statsRefresh = statsRefresh == null ? DEFAULT_STATS_REFRESH : statsRefresh;
    kafkaBootstrapServers =
        kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()
            ? null
            : kafkaBootstrapServers.trim();
    pipelineGroupId =
        pipelineGroupId == null || pipelineGroupId.isBlank()
            ? DEFAULT_PIPELINE_GROUP
            : pipelineGroupId;
    if (verdictBackfill < 0 || verdictBackfill > 10_000) {
      throw new IllegalArgumentException(
          "catalog verdictBackfill must be between 0 and 10000 verdicts per partition, got "
              + verdictBackfill);
    }
    if (statsRefresh.isNegative()) {
      throw new IllegalArgumentException(
          "catalog statsRefresh must be zero or positive, got " + statsRefresh);
    }
    if ((tlsCertPath == null) != (tlsKeyPath == null)) {
      throw new IllegalArgumentException(
          "only one of catalog tlsCertPath and tlsKeyPath is set: set both (PEM certificate chain"
              + " and its private key) for HTTPS, or neither for plain HTTP");
    }
    for (Path pem : new Path[] {tlsCertPath, tlsKeyPath}) {
      if (pem != null && !Files.isReadable(pem)) {
        throw new IllegalArgumentException(
            "catalog TLS file " + pem + " is not readable: give the path of a PEM file");
      }
    }
    auth = auth == null ? CatalogAuthConfig.defaults() : auth;
    sql = sql == null ? SqlLimits.defaults() : sql;
    if (!auth.enabled() && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "catalog auth.enabled=false on "
              + host
              + ": without tokens anyone who reaches the port is an admin; turn auth on or bind"
              + " 127.0.0.1");
    }
  }

  /** Without TLS, with default auth and SQL limits. */
  public CatalogServiceConfig(
      String host,
      int port,
      LakeConfig lake,
      Duration statsRefresh,
      String kafkaBootstrapServers,
      int verdictBackfill,
      String pipelineGroupId,
      VideoSource videos) {
    this(
        host,
        port,
        lake,
        statsRefresh,
        kafkaBootstrapServers,
        verdictBackfill,
        pipelineGroupId,
        videos,
        null,
        null,
        null,
        null);
  }

  /** Without video objects: the feed shows no thumbnails. */
  public CatalogServiceConfig(
      String host,
      int port,
      LakeConfig lake,
      Duration statsRefresh,
      String kafkaBootstrapServers,
      int verdictBackfill,
      String pipelineGroupId) {
    this(
        host,
        port,
        lake,
        statsRefresh,
        kafkaBootstrapServers,
        verdictBackfill,
        pipelineGroupId,
        (VideoSource) null);
  }

  /** Without a live feed from Kafka: the dashboard updates on its periodic rescan. */
  public CatalogServiceConfig(String host, int port, LakeConfig lake, Duration statsRefresh) {
    this(host, port, lake, statsRefresh, null, DEFAULT_VERDICT_BACKFILL, null);
  }

  /** Loopback, port {@value #DEFAULT_PORT}, statistics cached for 2 s, no Kafka. */
  public static CatalogServiceConfig defaults(LakeConfig lake) {
    return new CatalogServiceConfig(DEFAULT_HOST, DEFAULT_PORT, lake, DEFAULT_STATS_REFRESH);
  }

  /** The same configuration listening on another port ({@code 0} = any free port). */
  public CatalogServiceConfig withPort(int newPort) {
    return Configs.with(this, "port", newPort);
  }

  /** The same configuration with the live verdict feed read from this Kafka cluster. */
  public CatalogServiceConfig withKafka(String bootstrapServers) {
    return Configs.with(this, "kafkaBootstrapServers", bootstrapServers);
  }

  /**
   * The same configuration with the episodes' video objects readable here, for the live feed's
   * thumbnails (the embedded platform: {@code VideoSource.localObjects(<data>/objects,
   * "tributary-videos")}); {@code null} turns thumbnails off.
   */
  public CatalogServiceConfig withVideos(VideoSource videoSource) {
    return Configs.with(this, "videos", videoSource);
  }

  /** HTTPS with this PEM certificate chain and key; nulls: plain HTTP. */
  public CatalogServiceConfig withTls(Path certPath, Path keyPath) {
    return new CatalogServiceConfig(
        host,
        port,
        lake,
        statsRefresh,
        kafkaBootstrapServers,
        verdictBackfill,
        pipelineGroupId,
        videos,
        certPath,
        keyPath,
        auth,
        sql);
  }

  public CatalogServiceConfig withAuth(CatalogAuthConfig value) {
    return Configs.with(this, "auth", value);
  }

  public CatalogServiceConfig withSql(SqlLimits value) {
    return Configs.with(this, "sql", value);
  }

  /** Whether the service serves HTTPS. */
  public boolean tls() {
    return tlsCertPath != null;
  }

  @Override
  public String toString() {
    return Configs.toString(this);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  /** Whether the live feed reads the verdict topic. */
  public boolean liveFeed() {
    return kafkaBootstrapServers != null;
  }
}
