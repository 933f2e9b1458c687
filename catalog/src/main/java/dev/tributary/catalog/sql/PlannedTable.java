package dev.tributary.catalog.sql;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of one Iceberg table at one snapshot, planned by Iceberg so that another engine
 * (DuckDB) can read them. Correct only while the snapshot has no delete files: Iceberg applies
 * position/equality deletes at read time, a plain Parquet reader would not, so planning refuses.
 *
 * @param snapshotId the snapshot read, or {@code null} when the table has no snapshot yet
 * @param files local paths of the data files (empty for an empty table); files of an object-store
 *     warehouse are local copies ({@link RemoteFileCache})
 */
public record PlannedTable(
    TableIdentifier table, Long snapshotId, Schema schema, List<Path> files) {

  public PlannedTable {
    files = List.copyOf(files);
  }

  /**
   * Plans a scan of {@code id} at {@code snapshotId} ({@code null}: the current snapshot).
   *
   * @throws SqlException if the table is missing, the snapshot is unknown, a delete file exists or
   *     a data file on object storage cannot be fetched
   */
  public static PlannedTable plan(Catalog catalog, TableIdentifier id, Long snapshotId) {
    Table table;
    try {
      table = catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      throw new SqlException(
          "table "
              + id
              + " does not exist yet; the curation pipeline creates it on its first commit");
    }
    Snapshot snapshot =
        snapshotId == null ? table.currentSnapshot() : table.snapshot(snapshotId.longValue());
    if (snapshotId != null && snapshot == null) {
      throw new SqlException(
          "snapshot "
              + snapshotId
              + " of "
              + id
              + " no longer exists (expired?); the pinned data cannot be read again");
    }
    Schema schema = snapshot == null ? table.schema() : schemaOf(table, snapshot);
    if (snapshot == null) {
      return new PlannedTable(id, null, schema, List.of());
    }
    List<Path> files = new ArrayList<>();
    TableScan scan = table.newScan().useSnapshot(snapshot.snapshotId());
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new SqlException(
              id
                  + " has delete files at snapshot "
                  + snapshot.snapshotId()
                  + "; embedded SQL reads plain Parquet and would return deleted rows: compact the"
                  + " table (rewrite data files) or query it with Spark/Trino through /iceberg");
        }
        files.add(localPath(table, id, task.file().location()));
      }
    } catch (java.io.IOException e) {
      throw new SqlException("cannot plan a scan of " + id + ": " + e.getMessage(), e);
    }
    return new PlannedTable(id, snapshot.snapshotId(), schema, files);
  }

  private static Schema schemaOf(Table table, Snapshot snapshot) {
    Integer schemaId = snapshot.schemaId();
    Schema schema = schemaId == null ? null : table.schemas().get(schemaId);
    return schema == null ? table.schema() : schema;
  }

  /**
   * A data file as a local path: as it is for a local warehouse, else a cached copy fetched through
   * the table's FileIO (an s3:// warehouse).
   */
  private static Path localPath(Table table, TableIdentifier id, String location) {
    if (location.startsWith("/")) {
      return Path.of(location);
    }
    URI uri = URI.create(location);
    if ("file".equals(uri.getScheme())) {
      return Path.of(uri);
    }
    try {
      return RemoteFileCache.local(table.io(), location);
    } catch (RuntimeException e) {
      throw new SqlException(
          id + " keeps its data at " + location + ", which could not be fetched: " + e.getMessage(),
          e);
    }
  }
}
