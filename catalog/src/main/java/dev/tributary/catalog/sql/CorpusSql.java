package dev.tributary.catalog.sql;

import dev.tributary.schema.table.CuratedTables;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * SQL over the curated tables on one machine, without an external engine: Iceberg plans the scan of
 * {@code tributary.episodes} and {@code tributary.frames} (at their current or at pinned
 * snapshots), and an in-memory DuckDB sees them as the views {@code episodes} and {@code frames}
 * over {@code read_parquet([...planned files...])}. One instance is one DuckDB connection: not
 * thread-safe, close it after use.
 */
public final class CorpusSql implements AutoCloseable {

  /** What the connection may do besides reading the planned files. */
  public enum Access {
    /**
     * For SQL typed by people: after the views exist, DuckDB may touch no file outside the tables'
     * data folders, and the configuration is locked so a query cannot undo that.
     */
    SANDBOXED,
    /** For Tributary's own statements (export writes Parquet with {@code COPY ... TO}). */
    TRUSTED
  }

  private final Connection connection;
  private final Map<TableIdentifier, PlannedTable> tables;

  private CorpusSql(Connection connection, Map<TableIdentifier, PlannedTable> tables) {
    this.connection = connection;
    this.tables = tables;
  }

  /** The curated and derived tables at their current snapshots, sandboxed. */
  public static CorpusSql open(Catalog catalog) {
    return open(catalog, Map.of(), Access.SANDBOXED);
  }

  /**
   * @param snapshots pinned snapshot per table; a table not in the map is read at its current one
   */
  public static CorpusSql open(
      Catalog catalog, Map<TableIdentifier, Long> snapshots, Access access) {
    return open(catalog, snapshots, access, List.of());
  }

  /**
   * Sandboxed, with DuckDB's memory and thread limits set before the configuration is locked (so
   * the statement cannot raise them): what SQL from the network gets.
   */
  public static CorpusSql openBounded(Catalog catalog, long memoryLimitBytes, int threads) {
    return open(
        catalog,
        Map.of(),
        Access.SANDBOXED,
        List.of(
            "SET memory_limit = '" + Math.max(1, memoryLimitBytes / (1024 * 1024)) + "MiB'",
            "SET threads = " + threads,
            // Spilling to disk would turn a memory limit into a disk-filling one.
            "SET temp_directory = ''"));
  }

  private static CorpusSql open(
      Catalog catalog, Map<TableIdentifier, Long> snapshots, Access access, List<String> limits) {
    Map<TableIdentifier, PlannedTable> planned = new LinkedHashMap<>();
    for (TableIdentifier id : CuratedTables.all()) {
      planned.put(id, PlannedTable.plan(catalog, id, snapshots.get(id)));
    }
    for (TableIdentifier id : CuratedTables.derived()) {
      if (catalog.tableExists(id)) { // made by the pipeline's first statistics refresh
        planned.put(id, PlannedTable.plan(catalog, id, snapshots.get(id)));
      }
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new SqlException("cannot start embedded DuckDB: " + e.getMessage(), e);
    }
    try (Statement st = connection.createStatement()) {
      trySet(st, "SET TimeZone = 'UTC'");
      for (PlannedTable table : planned.values()) {
        st.execute(viewSql(table));
      }
      for (String limit : limits) {
        st.execute(limit);
      }
      if (access == Access.SANDBOXED) {
        Set<String> dirs = new LinkedHashSet<>();
        for (PlannedTable table : planned.values()) {
          table.files().forEach(f -> dirs.add(f.toAbsolutePath().getParent().toString() + "/"));
        }
        if (!dirs.isEmpty()) {
          st.execute(
              "SET allowed_directories = ["
                  + dirs.stream().map(CorpusSql::literal).collect(Collectors.joining(", "))
                  + "]");
        }
        st.execute("SET enable_external_access = false");
        st.execute("SET lock_configuration = true");
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new SqlException("cannot prepare the corpus views: " + e.getMessage(), e);
    }
    return new CorpusSql(connection, planned);
  }

  /** The snapshot each view reads ({@code null} for a table without snapshots). */
  public Map<TableIdentifier, Long> snapshots() {
    Map<TableIdentifier, Long> out = new LinkedHashMap<>();
    tables.forEach((id, t) -> out.put(id, t.snapshotId()));
    return out;
  }

  /** The DuckDB connection, for Tributary's own statements (training sets, export). */
  public Connection connection() {
    return connection;
  }

  /**
   * Runs one read-only statement ({@code SELECT}, {@code WITH}, {@code FROM}, {@code VALUES},
   * {@code DESCRIBE}, {@code SHOW}, {@code SUMMARIZE}).
   *
   * @param rowLimit at most this many rows are returned; {@link SqlResult#truncated()} tells
   * @throws SqlException with a one-line message for anything else, invalid SQL included
   */
  public SqlResult query(String sql, int rowLimit) {
    if (rowLimit < 1) {
      throw new SqlException("row limit must be at least 1, got " + rowLimit);
    }
    String statement = ReadOnlyStatement.check(sql);
    try (Statement st = connection.createStatement()) {
      st.setMaxRows(rowLimit + 1);
      try (ResultSet rs = st.executeQuery(statement)) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          columns.add(meta.getColumnLabel(i));
          types.add(meta.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == rowLimit) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(plain(rs.getObject(i)));
          }
          rows.add(row);
        }
        return new SqlResult(columns, types, rows, truncated);
      }
    } catch (SQLException e) {
      throw new SqlException("SQL error: " + engineMessage(e), e);
    }
  }

  /**
   * {@link #query(String, int)} within limits: cancelled after {@code timeout}, refused once the
   * rows collected so far would exceed about {@code maxResultBytes} as JSON.
   *
   * @throws SqlLimitException when a limit stopped it (the memory limit is DuckDB's, set by {@link
   *     #openBounded})
   */
  public SqlResult query(String sql, int rowLimit, Duration timeout, long maxResultBytes) {
    String statement = ReadOnlyStatement.check(sql);
    AtomicBoolean timedOut = new AtomicBoolean();
    try (Statement st = connection.createStatement()) {
      ScheduledFuture<?> cancel =
          CANCELLER.schedule(
              () -> {
                timedOut.set(true);
                try {
                  st.cancel();
                } catch (SQLException e) {
                  // the statement finished meanwhile
                }
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        st.setMaxRows(rowLimit + 1);
        try (ResultSet rs = st.executeQuery(statement)) {
          return collect(rs, rowLimit, maxResultBytes);
        }
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      String message = engineMessage(e);
      if (timedOut.get()) {
        throw new SqlLimitException(
            SqlLimitException.Limit.STATEMENT_TIMEOUT,
            "statement cancelled after the "
                + timeout.toMillis()
                + " ms statement timeout (sql.statement-timeout): narrow it (WHERE, fewer joins) or"
                + " read the tables with Spark/Trino through /iceberg",
            e);
      }
      if (message.contains("Out of Memory") || message.contains("memory limit")) {
        throw new SqlLimitException(
            SqlLimitException.Limit.MEMORY_LIMIT,
            "statement needs more than the memory limit (sql.memory-limit): " + message,
            e);
      }
      throw new SqlException("SQL error: " + message, e);
    }
  }

  private static SqlResult collect(ResultSet rs, int rowLimit, long maxResultBytes)
      throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    List<String> types = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(meta.getColumnLabel(i));
      types.add(meta.getColumnTypeName(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    long bytes = 0;
    while (rs.next()) {
      if (rows.size() == rowLimit) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        Object value = plain(rs.getObject(i));
        bytes += jsonSize(value) + 1;
        row.add(value);
      }
      if (bytes > maxResultBytes) {
        throw new SqlLimitException(
            SqlLimitException.Limit.RESULT_TOO_LARGE,
            "result exceeds "
                + maxResultBytes
                + " bytes after "
                + rows.size()
                + " rows (sql.max-result-bytes): ask for fewer rows (?limit=) or columns",
            null);
      }
      rows.add(row);
    }
    return new SqlResult(columns, types, rows, truncated);
  }

  /** About the size of the value as JSON; enough to bound an answer. */
  private static long jsonSize(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String text) {
      return text.length() + 2L;
    }
    if (value instanceof List<?> items) {
      long size = 2;
      for (Object item : items) {
        size += jsonSize(item) + 1;
      }
      return size;
    }
    return String.valueOf(value).length();
  }

  /** One daemon thread that cancels statements past their timeout. */
  private static final ScheduledExecutorService CANCELLER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tributary-sql-timeout");
            t.setDaemon(true);
            return t;
          });

  private static String viewSql(PlannedTable table) {
    String view = table.table().name();
    if (table.files().isEmpty()) {
      // read_parquet([]) is an error: an empty table becomes an empty, typed view.
      String columns =
          table.schema().columns().stream()
              .map(f -> "CAST(NULL AS " + duckType(f.type()) + ") AS " + quoteIdent(f.name()))
              .collect(Collectors.joining(", "));
      return "CREATE VIEW " + view + " AS SELECT " + columns + " WHERE false";
    }
    String files =
        table.files().stream()
            .map(p -> literal(p.toAbsolutePath().toString()))
            .collect(Collectors.joining(", "));
    return "CREATE VIEW "
        + view
        + " AS SELECT * FROM read_parquet(["
        + files
        + "], union_by_name = true)";
  }

  static String duckType(Type type) {
    return switch (type.typeId()) {
      case STRING, UUID -> "VARCHAR";
      case INTEGER -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      case LIST -> duckType(type.asListType().elementType()) + "[]";
      default -> "VARCHAR";
    };
  }

  /** JDBC values as JSON-friendly Java values: numbers, booleans, strings, lists, null. */
  private static Object plain(Object value) throws SQLException {
    if (value == null
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Double
        || value instanceof Float
        || value instanceof BigDecimal
        || value instanceof String) {
      return value;
    }
    if (value instanceof BigInteger big) {
      // sum() over integers is a HUGEINT; most fit a long, which JSON and tests handle better
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> out = new ArrayList<>(items.length);
      for (Object item : items) {
        out.add(plain(item));
      }
      return out;
    }
    if (value instanceof Object[] items) {
      return plain(Arrays.asList(items));
    }
    if (value instanceof List<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(plain(item));
      }
      return out;
    }
    return value.toString();
  }

  /**
   * DuckDB's JDBC messages can wrap the real cause in a generic first line ("Attempting to execute
   * an unsuccessful or closed pending query result", then "Error: Binder Error: ..."): report the
   * most specific error line.
   */
  static String engineMessage(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String best = null;
    for (String line : message.split("\\n")) {
      String text = line.strip();
      if (text.startsWith("Error: ")) {
        text = text.substring("Error: ".length());
      }
      if (text.matches("^[A-Za-z ]*Error: .*")
          && !text.contains("unsuccessful or closed pending")) {
        best = text;
      }
    }
    return best != null ? best : SqlException.oneLine(message);
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String quoteIdent(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static void trySet(Statement st, String sql) {
    try {
      st.execute(sql);
    } catch (SQLException e) {
      // Without the ICU time-zone support, timestamps still read correctly, in the JVM's zone.
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // already failing; the first error is the one to report
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  /** Paths of the planned files of one table (for tests and diagnostics). */
  public List<Path> files(TableIdentifier table) {
    PlannedTable planned = tables.get(table);
    return planned == null ? List.of() : planned.files();
  }

  /**
   * Whether a view has a column: a column added by schema evolution is missing from the view when
   * none of the planned files has it yet.
   */
  public static boolean hasColumn(Connection db, String view, String column) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + view + " LIMIT 0")) {
      var meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        if (meta.getColumnLabel(i).equals(column)) {
          return true;
        }
      }
      return false;
    }
  }
}
