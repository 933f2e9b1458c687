package dev.tributary.launcher;

import dev.tributary.launcher.service.ServiceRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `tributary run`: the whole platform on this machine, with a simulated fleet, until Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    header = "Run the whole platform on this machine with a simulated fleet.",
    description = {
      "Starts the whole platform on this machine (loopback only): a Kafka broker (KRaft), an",
      "S3-compatible object store, the Iceberg catalog on SQLite, the ingest gateway, the curation",
      "pipeline, the catalog service with the dashboard, and a fleet of simulated sites.",
      "All state lives in --data-dir and survives a restart. Stop with Ctrl-C. If the curation",
      "pipeline stops on its own (say, Kafka refused a commit), the platform stops with exit",
      "status 1 and says why: start it again with the same command."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = ".tributary",
      description = "Folder for all state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--sites",
      defaultValue = "5",
      description = "Simulated sites recording episodes; 0 for none (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description =
          "Kafka client port; the KRaft controller uses the next one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--s3-port",
      defaultValue = "9000",
      description = "Object store (S3 API) port (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(
      names = "--gateway-port",
      defaultValue = "8080",
      description = "Ingest gateway port (default: ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Option(
      names = "--catalog-port",
      defaultValue = "8181",
      description = "Catalog service and dashboard port (default: ${DEFAULT-VALUE}).")
  int catalogPort;

  @Option(
      names = "--pipeline-metrics-port",
      defaultValue = "9464",
      description = "Curation pipeline's /metrics port (default: ${DEFAULT-VALUE}).")
  int pipelineMetricsPort;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description =
          "Partitions of the ingest topic, created on first start (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--episodes",
      defaultValue = "0",
      description =
          "Episodes each simulated site records before it stops; 0 for no end (default:"
              + " ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--episode-seconds",
      defaultValue = "8",
      description = "Length of each simulated episode (default: ${DEFAULT-VALUE}).")
  int episodeSeconds;

  @Option(
      names = "--cameras",
      defaultValue = "1",
      description = "Cameras per simulated rig, 1-3 (default: ${DEFAULT-VALUE}).")
  int cameras;

  @Option(
      names = "--commit-interval-ms",
      defaultValue = "2000",
      description = "How often the pipeline commits to Iceberg (default: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Override
  public Integer call() throws Exception {
    if (cameras < 1 || cameras > 3) {
      throw new IllegalArgumentException("--cameras must be 1, 2 or 3, got " + cameras);
    }
    if (episodes < 0) {
      throw new IllegalArgumentException("--episodes must be 0 or more, got " + episodes);
    }
    if (episodeSeconds < 1 || episodeSeconds > 600) {
      throw new IllegalArgumentException("--episode-seconds must be 1-600, got " + episodeSeconds);
    }
    PlatformConfig.FleetConfig defaults = PlatformConfig.FleetConfig.defaults();
    PlatformConfig config =
        new PlatformConfig(
            dataDir.toAbsolutePath().normalize(),
            kafkaPort,
            s3Port,
            gatewayPort,
            catalogPort,
            pipelineMetricsPort,
            partitions,
            sites,
            new PlatformConfig.FleetConfig(
                episodes,
                Duration.ofSeconds(episodeSeconds),
                defaults.pauseBetweenEpisodes(),
                cameras,
                defaults.width(),
                defaults.height(),
                defaults.videoFps(),
                defaults.jointHz(),
                defaults.realtime()),
            Duration.ofMillis(commitIntervalMs));

    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    EmbeddedPlatform platform = EmbeddedPlatform.start(config);
    out.printf("%nTributary is running (started in %.1f s).%n", (System.nanoTime() - start) / 1e9);
    out.printf("  Dashboard         %s%n", platform.dashboardUrl());
    out.printf("  Site stats (JSON) %sapi/v1/sites%n", platform.dashboardUrl());
    out.printf("  Catalog metrics   %smetrics%n", platform.dashboardUrl());
    out.printf("  Ingest gateway    %s%n", platform.gatewayUrl());
    out.printf("  Gateway metrics   %smetrics%n", platform.gatewayUrl());
    out.printf("  Pipeline metrics  %s%n", platform.pipelineMetricsUrl());
    out.printf("  Kafka             %s%n", platform.bootstrapServers());
    out.printf("  Object store (S3) %s%n", platform.objectStoreUrl());
    out.printf("  Iceberg REST      %siceberg%n", platform.dashboardUrl());
    out.printf("  Iceberg catalog   %s%n", platform.lake().catalogUri());
    out.printf("  Warehouse         %s%n", platform.lake().warehouse());
    out.printf("  Admin token       %s/admin-token%n", config.dataDir());
    out.printf(
        "  Catalog token     %s/catalog-admin-token (SQL, Iceberg REST: Bearer or credential)%n",
        config.dataDir());
    out.printf("  Simulated sites   %d%n", sites);
    out.printf(
        "Query: ./tributary query sites --data-dir %s    Stop: Ctrl-C%n%n", config.dataDir());
    out.flush();
    return ServiceRunner.awaitShutdown(
        "run",
        () -> {
          System.out.println("Stopping Tributary (data kept in " + config.dataDir() + ")...");
          platform.close();
        },
        platform::stoppedOnItsOwn,
        "stopping the platform with status 1; its data is kept in "
            + config.dataDir()
            + ": start it again with the same command (the pipeline resumes from its last commit)",
        spec.commandLine().getErr());
  }
}
