package dev.tributary.launcher.service;

import dev.tributary.catalog.CatalogService;
import dev.tributary.catalog.config.CatalogServiceConfig;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.schema.config.Default;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
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
      "folder). --print-config lists every key with its value."
    })
public final class CatalogCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServiceOptions options;

  /**
   * Settings of the process around the catalog service.
   *
   * @param videosDir an S3Proxy-style folder of objects ({@code <dir>/<bucket>/<key>}) for the
   *     dashboard's thumbnails; unset: no thumbnails
   */
  public record Process(Path videosDir, @Default("tributary-videos") String videosBucket) {}

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
    if (process.videosDir() != null) {
      config =
          dev.tributary.schema.config.Configs.with(
              config,
              "videos",
              VideoSource.localObjects(
                  process.videosDir().toAbsolutePath(), process.videosBucket()));
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
