package dev.tributary.catalog.sql;

import dev.tributary.schema.table.LakeConfig;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * {@code tributary query sql}: one query (SQL text or a {@link NamedQueries} name) over the curated
 * tables at their current snapshots, rendered for the terminal or a tool. Framework-free so the
 * launcher's picocli command only parses flags and prints.
 */
public final class SqlCommand {
  /** Default row limit of the CLI. */
  public static final int DEFAULT_ROW_LIMIT = 10_000;

  /**
   * Opens the lake's catalog, runs the query, closes the catalog.
   *
   * @param sqlOrName SQL text, or one of {@link NamedQueries#names()}
   * @return the rendered result, ending with a newline
   * @throws SqlException one-line message for invalid SQL, non-SELECT statements, missing tables
   */
  public String run(LakeConfig lake, String sqlOrName, ResultFormat format, int rowLimit) {
    Catalog catalog = openCatalog(lake);
    try {
      return run(catalog, sqlOrName, format, rowLimit);
    } finally {
      closeCatalog(catalog);
    }
  }

  /** The same on an open catalog, which stays open. */
  public String run(Catalog catalog, String sqlOrName, ResultFormat format, int rowLimit) {
    try (CorpusSql sql = CorpusSql.open(catalog)) {
      return ResultPrinter.render(sql.query(NamedQueries.resolve(sqlOrName), rowLimit), format);
    }
  }

  /** Opens the lake's catalog the way every Tributary reader does. */
  public static Catalog openCatalog(LakeConfig lake) {
    return CatalogUtil.buildIcebergCatalog(
        lake.catalogName(), lake.toCatalogProperties(), new org.apache.hadoop.conf.Configuration());
  }

  /** Closes a catalog opened by {@link #openCatalog}; close failures are not the user's problem. */
  public static void closeCatalog(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // the query already ran; a failing close of a SQLite connection changes nothing
      }
    }
  }
}
