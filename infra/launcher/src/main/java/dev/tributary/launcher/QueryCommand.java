package dev.tributary.launcher;

import dev.tributary.catalog.query.FreshnessQuery;
import dev.tributary.catalog.query.SiteStats;
import dev.tributary.catalog.query.SiteStatsQuery;
import dev.tributary.catalog.query.TablePrinter;
import dev.tributary.catalog.sql.NamedQueries;
import dev.tributary.catalog.sql.ResultFormat;
import dev.tributary.catalog.sql.SqlCommand;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `tributary query`: everyday questions and SQL over the curated tables, no external engine. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    header = "Ask the curated tables: sites, SQL, named queries.",
    description = {
      "Answers questions from the curated Iceberg tables without installing an engine.",
      "  query sites                       episodes and hours per site",
      "  query sql \"SELECT ... FROM episodes\"  any read-only SQL over episodes, frames, site_stats,",
      "                                    corpus_stats, duplicate_clusters and quarantine",
      "  query sql <name>                  a named query: sites-tasks, verdicts, rejection-reasons,",
      "                                    duplicates, top-contributors",
      "  query freshness [--since-minutes N]  seconds from the recorder's commit to the row being",
      "                                    visible in episodes (p50/p90/p99/max)",
      "Reads the catalog in --data-dir (DuckDB over the Parquet files Iceberg plans); works while the",
      "platform runs."
    })
final class QueryCommand implements Callable<Integer> {
  enum Question {
    sites,
    sql,
    freshness
  }

  @Spec CommandSpec spec;
  @Mixin DataDirOption data;

  @Parameters(index = "0", description = "What to ask: ${COMPLETION-CANDIDATES}.")
  Question question;

  @Parameters(
      index = "1",
      arity = "0..1",
      description = "For sql: a SELECT statement or the name of a named query.")
  String sql;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output: table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--limit",
      defaultValue = "10000",
      description = "At most this many rows for sql (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--since-minutes",
      defaultValue = "60",
      description =
          "For freshness: rows made visible in the last N minutes (default: ${DEFAULT-VALUE}).")
  long sinceMinutes;

  @Override
  public Integer call() {
    LakeConfig lake = data.lake();
    ResultFormat resultFormat = ResultFormat.parse(format);
    PrintWriter out = spec.commandLine().getOut();
    if (question == Question.sql) {
      if (sql == null || sql.isBlank()) {
        throw new IllegalArgumentException(
            "query sql needs a SELECT statement or a named query (" + NamedQueries.names() + ")");
      }
      out.println(new SqlCommand().run(lake, sql, resultFormat, limit));
    } else if (question == Question.freshness) {
      out.println(renderFreshness(lake, sinceMinutes));
    } else {
      out.println(renderSites(lake, resultFormat));
    }
    out.flush();
    return 0;
  }

  private static String renderFreshness(LakeConfig lake, long sinceMinutes) {
    Catalog catalog = SqlCommand.openCatalog(lake);
    try {
      long since = System.currentTimeMillis() - sinceMinutes * 60_000;
      FreshnessQuery.Freshness f = FreshnessQuery.run(catalog, since);
      if (f.episodes() == 0) {
        return "no episode became visible in the last " + sinceMinutes + " minutes";
      }
      return String.format(
          Locale.ROOT,
          "episodes made visible in the last %d minutes: %d%n"
              + "seconds from             p50     p90     p99     max%n"
              + "recorder commit     %7.2f %7.2f %7.2f %7.2f%n"
              + "gateway receive     %7.2f %7.2f %7.2f %7.2f",
          sinceMinutes,
          f.episodes(),
          f.fromEdgeCommit().p50(),
          f.fromEdgeCommit().p90(),
          f.fromEdgeCommit().p99(),
          f.fromEdgeCommit().max(),
          f.fromLastReceive().p50(),
          f.fromLastReceive().p90(),
          f.fromLastReceive().p99(),
          f.fromLastReceive().max());
    } finally {
      SqlCommand.closeCatalog(catalog);
    }
  }

  private static String renderSites(LakeConfig lake, ResultFormat format) {
    Catalog catalog = SqlCommand.openCatalog(lake);
    try {
      List<SiteStats> rows = new SiteStatsQuery(catalog).run();
      return switch (format) {
        case TABLE -> TablePrinter.render(rows);
        case CSV -> TablePrinter.renderCsv(rows);
        case JSON -> TablePrinter.renderJson(rows);
      };
    } finally {
      SqlCommand.closeCatalog(catalog);
    }
  }
}
