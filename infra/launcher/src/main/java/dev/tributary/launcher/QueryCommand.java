package dev.tributary.launcher;

import dev.tributary.catalog.query.SiteStats;
import dev.tributary.catalog.query.SiteStatsQuery;
import dev.tributary.catalog.query.TablePrinter;
import dev.tributary.catalog.sql.NamedQueries;
import dev.tributary.catalog.sql.ResultFormat;
import dev.tributary.catalog.sql.SqlCommand;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.util.List;
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
      "  query sql \"SELECT ... FROM episodes\"  any read-only SQL over the views episodes and frames",
      "  query sql <name>                  a named query: sites-tasks, verdicts, rejection-reasons,",
      "                                    duplicates, top-contributors",
      "Reads the catalog in --data-dir (DuckDB over the Parquet files Iceberg plans); works while the",
      "platform runs."
    })
final class QueryCommand implements Callable<Integer> {
  enum Question {
    sites,
    sql
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
    } else {
      out.println(renderSites(lake, resultFormat));
    }
    out.flush();
    return 0;
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
