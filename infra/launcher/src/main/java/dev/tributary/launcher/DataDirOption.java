package dev.tributary.launcher;

import dev.tributary.schema.table.LakeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the commands that read the platform's tables find them: the embedded platform's
 * `--data-dir`, or, for a deployment across machines, the `catalog.lake.*` settings of a service
 * config file (`--config`, with the same `TRIBUTARY_CATALOG_...` environment overrides as
 * `tributary catalog`).
 */
final class DataDirOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "A deployment's config file: read the lake of its catalog.lake.* settings (PostgreSQL,"
              + " S3) instead of --data-dir.")
  Path config;

  @Option(
      names = "--data-dir",
      defaultValue = ".tributary",
      scope =
          ScopeType
              .INHERIT, // `trainingset build --data-dir X` as well as `trainingset --data-dir X
      // build`
      description = "The platform's data folder (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  Path dir() {
    return dataDir.toAbsolutePath().normalize();
  }

  /** The catalog of --config's catalog.lake.* settings, or of an existing data folder. */
  LakeConfig lake() {
    if (config != null) {
      return deploymentLake();
    }
    if (!Files.isDirectory(dir().resolve("catalog"))) {
      throw new IllegalStateException(
          "no Tributary data in "
              + dir()
              + "; start the platform with ./tributary run or pass --data-dir");
    }
    return LakeConfig.embedded(dir());
  }

  /**
   * The gateway's video bucket: the embedded store's folder for --data-dir, or the {@code
   * catalog.videos-*} settings of --config (as `tributary catalog` reads them); null when a
   * deployment's file names none.
   */
  dev.tributary.catalog.export.VideoSource videos(String embeddedBucket) {
    if (config == null) {
      return dev.tributary.catalog.export.VideoSource.localObjects(
          dir().resolve("objects"), embeddedBucket);
    }
    java.util.List<String> keys =
        dev.tributary.schema.config.RecordBinder.keys(
            dev.tributary.launcher.service.CatalogCommand.Process.class, "", java.util.Set.of());
    java.util.Map<String, String> settings =
        dev.tributary.launcher.service.ServiceSettings.load(
            "catalog", config, System.getenv(), java.util.List.of(), keys);
    var bound =
        dev.tributary.schema.config.RecordBinder.bindKnown(
            dev.tributary.launcher.service.CatalogCommand.Process.class,
            dev.tributary.schema.config.Configs.defaults(
                dev.tributary.launcher.service.CatalogCommand.Process.class),
            settings,
            java.util.Set.of());
    if (!bound.problems().isEmpty()) {
      throw new IllegalStateException(config + ": " + String.join("; ", bound.problems()));
    }
    return dev.tributary.launcher.service.CatalogCommand.videoSource(bound.value());
  }

  private LakeConfig deploymentLake() {
    java.util.Map<String, String> settings =
        dev.tributary.launcher.service.ServiceSettings.load(
            "catalog",
            config,
            System.getenv(),
            java.util.List.of(),
            dev.tributary.schema.config.RecordBinder.keys(
                LakeConfig.class, "lake.", java.util.Set.of()));
    java.util.Map<String, String> lake = new java.util.TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (k.startsWith("lake.")) {
            lake.put(k.substring("lake.".length()), v);
          }
        });
    if (!lake.containsKey("catalog-uri") || !lake.containsKey("warehouse")) {
      throw new IllegalStateException(
          config
              + " sets no catalog.lake.catalog-uri and catalog.lake.warehouse: add them (see"
              + " docs/deploy.md) or use --data-dir for the embedded platform");
    }
    lake.putIfAbsent("catalog-name", "tributary");
    var bound =
        dev.tributary.schema.config.RecordBinder.bind(
            LakeConfig.class, null, lake, java.util.Set.of());
    if (!bound.problems().isEmpty()) {
      throw new IllegalStateException(
          config + ": catalog.lake." + String.join("; catalog.lake.", bound.problems()));
    }
    return bound.value();
  }
}
