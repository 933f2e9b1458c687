package dev.tributary.launcher;

import dev.tributary.catalog.query.SiteStats;
import dev.tributary.catalog.query.SiteStatsQuery;
import dev.tributary.catalog.query.TablePrinter;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `tributary query sites`: episodes and hours per site, straight from the Iceberg tables. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Answers everyday questions from the curated Iceberg tables without an external engine.",
      "Reads the catalog in --data-dir; works while the platform runs."
    })
final class QueryCommand implements Callable<Integer> {
  enum Question {
    sites
  }

  enum Format {
    table,
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      description = "What to ask: ${COMPLETION-CANDIDATES} (episodes and hours per site).")
  Question question;

  @Option(
      names = "--data-dir",
      defaultValue = ".tributary",
      description = "The platform's data folder (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    LakeConfig lake = LakeConfig.embedded(dataDir.toAbsolutePath().normalize());
    if (!Files.isDirectory(dataDir.resolve("catalog"))) {
      throw new IllegalStateException(
          "no Tributary data in "
              + dataDir.toAbsolutePath()
              + "; start the platform with ./tributary run or pass --data-dir");
    }
    Catalog catalog =
        CatalogUtil.buildIcebergCatalog(
            lake.catalogName(),
            lake.toCatalogProperties(),
            new org.apache.hadoop.conf.Configuration());
    try {
      List<SiteStats> rows = new SiteStatsQuery(catalog).run();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          switch (format) {
            case table -> TablePrinter.render(rows);
            case csv -> TablePrinter.renderCsv(rows);
            case json -> TablePrinter.renderJson(rows);
          });
      out.flush();
      return 0;
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
