package dev.tributary.catalog.query;

import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.TypeUtil;

/**
 * How fresh the curated table is: for every episode row, the time from the recorder's commit (and
 * from the gateway's last receive) to the moment the row became visible, i.e. the commit time of
 * the Iceberg snapshot that added its data file. Measured from the table itself, so it includes
 * every stage: upload, Kafka, assembly, checks, the commit interval and the Iceberg commit.
 */
public final class FreshnessQuery {
  private FreshnessQuery() {}

  /**
   * @param sinceMillis only rows made visible at or after this time (epoch milliseconds)
   */
  public static Freshness run(Catalog catalog, long sinceMillis) {
    Table table;
    try {
      table = catalog.loadTable(CuratedTables.EPISODES);
    } catch (NoSuchTableException e) {
      return new Freshness(0, null, null);
    }
    // A file's data sequence number is the sequence number of the snapshot that added its rows
    // (compaction keeps it), so the snapshot's commit time is when those rows became visible.
    Map<Long, Long> commitMillisBySequence = new HashMap<>();
    for (Snapshot s : table.snapshots()) {
      commitMillisBySequence.put(s.sequenceNumber(), s.timestampMillis());
    }
    Map<String, Long> visibleAt = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        Long committed =
            f.dataSequenceNumber() == null
                ? null
                : commitMillisBySequence.get(f.dataSequenceNumber());
        if (committed != null && committed >= sinceMillis) {
          visibleAt.put(f.location(), committed);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning " + table.name() + " failed", e);
    }
    Schema projection =
        TypeUtil.join(
            table.schema().select("edge_committed_at", "ingested_at"),
            new Schema(MetadataColumns.FILE_PATH));
    List<Double> fromEdge = new ArrayList<>();
    List<Double> fromGateway = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).project(projection).build()) {
      for (Record r : rows) {
        Long visible = visibleAt.get(r.getField(MetadataColumns.FILE_PATH.name()).toString());
        if (visible == null) {
          continue;
        }
        OffsetDateTime edge = (OffsetDateTime) r.getField("edge_committed_at");
        OffsetDateTime gateway = (OffsetDateTime) r.getField("ingested_at");
        if (edge != null) {
          fromEdge.add((visible - edge.toInstant().toEpochMilli()) / 1000.0);
        }
        if (gateway != null) {
          fromGateway.add((visible - gateway.toInstant().toEpochMilli()) / 1000.0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + table.name() + " failed", e);
    }
    return new Freshness(fromEdge.size(), Percentiles.of(fromEdge), Percentiles.of(fromGateway));
  }

  /**
   * @param fromEdgeCommit seconds from the recorder's commit to visible; null without rows
   * @param fromLastReceive seconds from the gateway's last receive to visible; null without rows
   */
  public record Freshness(int episodes, Percentiles fromEdgeCommit, Percentiles fromLastReceive) {}

  /** p50, p90, p99 and max in seconds. */
  public record Percentiles(double p50, double p90, double p99, double max) {
    static Percentiles of(List<Double> values) {
      if (values.isEmpty()) {
        return null;
      }
      double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(v);
      return new Percentiles(at(v, 0.50), at(v, 0.90), at(v, 0.99), v[v.length - 1]);
    }

    private static double at(double[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }
}
