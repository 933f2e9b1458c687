package dev.tributary.catalog.config;

import dev.tributary.schema.table.LakeConfig;
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
 */
public record CatalogServiceConfig(String host, int port, LakeConfig lake, Duration statsRefresh) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8181;
  public static final Duration DEFAULT_STATS_REFRESH = Duration.ofSeconds(2);

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
    if (statsRefresh.isNegative()) {
      throw new IllegalArgumentException(
          "catalog statsRefresh must be zero or positive, got " + statsRefresh);
    }
  }

  /** Loopback, port {@value #DEFAULT_PORT}, statistics cached for 2 s. */
  public static CatalogServiceConfig defaults(LakeConfig lake) {
    return new CatalogServiceConfig(DEFAULT_HOST, DEFAULT_PORT, lake, DEFAULT_STATS_REFRESH);
  }

  /** The same configuration listening on another port ({@code 0} = any free port). */
  public CatalogServiceConfig withPort(int newPort) {
    return new CatalogServiceConfig(host, newPort, lake, statsRefresh);
  }
}
