package dev.tributary.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the one-machine platform needs, with defaults. Ports of 0 mean "any free port"
 * (tests).
 *
 * @param dataDir one folder for all state: broker log, objects, catalog, warehouse, site spools
 * @param sites simulated sites to run (0 = none)
 * @param fleet how the simulated sites record
 */
public record PlatformConfig(
    Path dataDir,
    int kafkaPort,
    int s3Port,
    int gatewayPort,
    int catalogPort,
    int pipelineMetricsPort,
    int ingestPartitions,
    int sites,
    FleetConfig fleet,
    Duration commitInterval) {

  public PlatformConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(commitInterval, "commitInterval");
    checkPort(kafkaPort, "--kafka-port");
    checkPort(s3Port, "--s3-port");
    checkPort(gatewayPort, "--gateway-port");
    checkPort(catalogPort, "--catalog-port");
    checkPort(pipelineMetricsPort, "--pipeline-metrics-port");
    if (sites < 0 || sites > 500) {
      throw new IllegalArgumentException("--sites must be between 0 and 500, got " + sites);
    }
    if (ingestPartitions < 1) {
      throw new IllegalArgumentException(
          "--partitions must be at least 1, got " + ingestPartitions);
    }
  }

  private static void checkPort(int port, String option) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be a TCP port (1-65535), got " + port);
    }
  }

  /** The embedded defaults behind `./tributary run`. */
  public static PlatformConfig defaults(Path dataDir) {
    return new PlatformConfig(
        dataDir, 9092, 9000, 8080, 8181, 9464, 6, 5, FleetConfig.defaults(), Duration.ofSeconds(2));
  }

  /** All ports free-picked, no fleet: for tests. */
  public static PlatformConfig forTests(Path dataDir) {
    return new PlatformConfig(
        dataDir, 0, 0, 0, 0, 0, 3, 0, FleetConfig.defaults(), Duration.ofMillis(500));
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path objectsDir() {
    return dataDir.resolve("objects");
  }

  public Path sitesDir() {
    return dataDir.resolve("sites");
  }

  /**
   * How each simulated site records.
   *
   * @param episodes episodes per site, 0 = until stopped
   * @param realtime pace recording in wall-clock time (a real rig) instead of as fast as possible
   */
  public record FleetConfig(
      int episodes,
      Duration episodeLength,
      Duration pauseBetweenEpisodes,
      int cameras,
      int width,
      int height,
      int videoFps,
      int jointHz,
      boolean realtime) {

    /** Light enough for five sites plus the whole platform on two cores. */
    public static FleetConfig defaults() {
      return new FleetConfig(
          0, Duration.ofSeconds(8), Duration.ofSeconds(2), 1, 320, 240, 15, 30, true);
    }
  }
}
