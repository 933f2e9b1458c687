package dev.tributary.launcher.service;

import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.export.S3VideoSource;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.schema.config.Default;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `tributary catalog`: the catalog service (Iceberg REST, SQL, training sets, dashboard). */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    header = "Run the catalog service (Iceberg REST catalog, SQL, dashboard) on its own.",
    description = {
      "Runs the catalog service over the lake the pipelines write. Settings: catalog.host,",
      "catalog.port, catalog.lake.catalog-uri, catalog.lake.warehouse,",
      "catalog.lake.extra-properties.*, catalog.kafka-bootstrap-servers (the dashboard's live",
      "feed), catalog.videos-dir and catalog.videos-bucket (thumbnails from a local object",
      "folder), catalog.tls-cert-path and catalog.tls-key-path (HTTPS, PEM), catalog.auth.*",
      "(admin-token or admin-token-file, tokens-file, public-dashboard, access-token-ttl,",
      "dashboard-session-ttl, max-dashboard-sessions; enabled=true by default) and",
      "catalog.sql.* (statement-timeout, max-concurrent,",
      "memory-limit, max-result-bytes, threads). --print-config lists every key with its value."
    })
public final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServiceOptions options;

  /**
   * Settings of the process around the catalog service: where the gateway's video bucket is, for
   * the dashboard's thumbnails.
   *
   * @param videosEndpoint the bucket on any S3 API (downloaded once per video into {@code
   *     videosCache}); takes precedence over {@code videosDir}
   * @param videosDir an S3Proxy-style folder of objects ({@code <dir>/<bucket>/<key>}) on this
   *     machine; neither set: no thumbnails
   * @param videosAccessKey null with the secret: the AWS SDK's default credential chain
   */
  public record Process(
      URI videosEndpoint,
      Path videosDir,
      @Default("tributary-videos") String videosBucket,
      @Default("us-east-1") String videosRegion,
      String videosAccessKey,
      String videosSecretKey,
      @Default("true") boolean videosPathStyle,
      Path videosCache) {}

  /** The video bucket these settings name, or null when they name none. */
  public static VideoSource videoSource(Process process) {
    if (process.videosEndpoint() != null) {
      return new S3VideoSource(
          process.videosEndpoint(),
          process.videosRegion(),
          process.videosBucket(),
          process.videosAccessKey(),
          process.videosSecretKey(),
          process.videosPathStyle(),
          process.videosCache() != null
              ? process.videosCache()
              : Path.of(System.getProperty("java.io.tmpdir"), "tributary-video-cache"));
    }
    if (process.videosDir() != null) {
      return VideoSource.localObjects(process.videosDir().toAbsolutePath(), process.videosBucket());
    }
    return null;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CatalogServiceConfig defaults =
        CatalogServiceConfig.defaults(LakeConfig.embedded(Path.of(".tributary")));
    var loaded =
        ServiceRunner.load(
            "catalog",
            options,
            CatalogServiceConfig.class,
            defaults,
            Set.of("videos"),
            Process.class,
            dev.tributary.schema.config.Configs.defaults(Process.class),
            config -> List.of(),
            out,
            spec.commandLine().getErr());
    if (loaded == null) {
      return options.printConfig ? 0 : 2;
    }
    CatalogServiceConfig config = loaded.service();
    Process process = loaded.process();
    VideoSource videos = videoSource(process);
    if (videos != null) {
      config = dev.tributary.schema.config.Configs.with(config, "videos", videos);
    }
    CatalogService catalog = CatalogService.start(config);
    out.printf(
        "catalog service on %s (Iceberg REST %siceberg, catalog %s)%n",
        catalog.baseUrl(), catalog.baseUrl(), config.lake().catalogUri());
    out.flush();
    ServiceRunner.awaitShutdown("catalog", catalog);
    return 0;
  }
}
