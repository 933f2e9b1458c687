package dev.tributary.curation.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.iceberg.util.StructLikeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction for {@link TableMaintenance}: plans bins of small files per partition, streams their
 * rows into new files, and commits one {@code replace} snapshot that copies the latest offsets.
 *
 * <p><b>Why one class of ~300 lines.</b> Planning, rewriting and committing one run share its state
 * (the planned snapshot, its offsets, the files written so far, deleted again on failure); each
 * step is a method of a screen or less.
 */
final class SmallFileCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(SmallFileCompactor.class);

  private final TableMaintenanceConfig config;
  private final String instanceId;
  private final TableMaintenance.CommitHook hook;

  SmallFileCompactor(
      TableMaintenanceConfig config, String instanceId, TableMaintenance.CommitHook hook) {
    this.config = config;
    this.instanceId = instanceId;
    this.hook = hook;
  }

  /** See {@link TableMaintenance#compact}. */
  CompactionResult compact(Table table) {
    table.refresh();
    Snapshot planned = table.currentSnapshot();
    if (planned == null) {
      return CompactionResult.nothing("the table has no snapshot");
    }
    List<List<DataFile>> bins = plan(table, planned);
    if (bins.isEmpty()) {
      return CompactionResult.nothing(
          "no partition has " + config.minSmallFiles() + " small files");
    }
    List<DataFile> removed = new ArrayList<>();
    List<DataFile> added = new ArrayList<>();
    List<String> written = new ArrayList<>();
    long rows = 0;
    try {
      for (List<DataFile> bin : bins) {
        rows += rewrite(table, bin, added, written);
        removed.addAll(bin);
      }
    } catch (RuntimeException e) {
      deleteQuietly(table, written);
      throw e;
    }
    return commit(table, planned, removed, added, rows, written);
  }

  /** Small Parquet files of the current spec without delete files, binned per partition. */
  private List<List<DataFile>> plan(Table table, Snapshot planned) {
    PartitionSpec spec = table.spec();
    StructLikeMap<List<DataFile>> small = StructLikeMap.create(spec.partitionType());
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(planned.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        if (f.specId() == spec.specId()
            && f.format() == FileFormat.PARQUET
            && task.deletes().isEmpty()
            && f.fileSizeInBytes() < config.smallFileBytes()) {
          small.computeIfAbsent(f.partition(), k -> new ArrayList<>()).add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning the compaction of " + table.name(), e);
    }
    List<List<DataFile>> partitions = new ArrayList<>(small.values());
    partitions.sort(Comparator.comparingInt((List<DataFile> l) -> l.size()).reversed());
    List<List<DataFile>> bins = new ArrayList<>();
    long budget = config.maxRewriteBytesPerRun();
    for (List<DataFile> files : partitions) {
      if (files.size() < config.minSmallFiles() || budget <= 0) {
        continue;
      }
      // oldest first, so that the compacted files keep roughly the order rows arrived in
      files.sort(Comparator.comparingLong(SmallFileCompactor::sequence));
      List<DataFile> bin = new ArrayList<>();
      long binBytes = 0;
      for (DataFile f : files) {
        if (!bin.isEmpty() && binBytes + f.fileSizeInBytes() > config.targetFileBytes()) {
          budget -= addBin(bins, bin, binBytes);
          bin = new ArrayList<>();
          binBytes = 0;
          if (budget <= 0) {
            break;
          }
        }
        bin.add(f);
        binBytes += f.fileSizeInBytes();
      }
      if (budget > 0) {
        budget -= addBin(bins, bin, binBytes);
      }
    }
    return bins;
  }

  private static long addBin(List<List<DataFile>> bins, List<DataFile> bin, long bytes) {
    if (bin.size() < 2) {
      return 0; // rewriting one file into one file gains nothing
    }
    bins.add(bin);
    return bytes;
  }

  private static long sequence(DataFile f) {
    Long seq = f.fileSequenceNumber();
    return seq == null ? 0 : seq;
  }

  /** Copies the rows of one bin into new files; returns how many rows were copied. */
  private long rewrite(
      Table table, List<DataFile> bin, List<DataFile> added, List<String> written) {
    Schema schema = table.schema();
    long expected = bin.stream().mapToLong(DataFile::recordCount).sum();
    long rows = 0;
    CompactionWriter writer =
        new CompactionWriter(table, bin.get(0).partition(), instanceId, config.targetFileBytes());
    try (writer) {
      for (DataFile f : bin) {
        try (CloseableIterable<Record> in =
            Parquet.read(table.io().newInputFile(f.location()))
                .project(schema)
                .createReaderFunc(
                    fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
                .build()) {
          for (Record row : in) {
            writer.write(row);
            rows++;
          }
        } catch (IOException e) {
          throw new UncheckedIOException("reading " + f.location() + " for compaction", e);
        }
      }
      added.addAll(writer.finish());
    } finally {
      written.addAll(writer.locations());
    }
    if (rows != expected) {
      throw new IllegalStateException(
          "compacting "
              + table.name()
              + ": read "
              + rows
              + " rows from files whose metadata declares "
              + expected
              + "; not committing");
    }
    return rows;
  }

  private CompactionResult commit(
      Table table,
      Snapshot planned,
      List<DataFile> removed,
      List<DataFile> added,
      long rows,
      List<String> written) {
    String run = UUID.randomUUID().toString();
    Snapshot base = planned;
    String conflict = "";
    for (int attempt = 1; attempt <= config.maxCommitAttempts(); attempt++) {
      Map<String, String> offsets = LatestOffsets.of(ancestors(table, base)).values();
      OffsetsUnchanged check = new OffsetsUnchanged(offsets);
      // Validate from the snapshot the rows were read at: a row-level delete committed since then
      // against a replaced file fails the rewrite instead of being lost. The new files keep that
      // snapshot's data sequence number, so equality deletes committed since still apply to them.
      RewriteFiles rewrite =
          table.newRewrite().validateFromSnapshot(planned.snapshotId()).validateWith(check);
      if (planned.sequenceNumber() > 0) { // format v2+
        rewrite.dataSequenceNumber(planned.sequenceNumber());
      }
      removed.forEach(rewrite::deleteFile);
      added.forEach(rewrite::addFile);
      offsets.forEach(rewrite::set);
      rewrite.set(TableMaintenance.MAINTENANCE_SUMMARY_KEY, TableMaintenance.COMPACTION);
      rewrite.set(TableMaintenance.INSTANCE_SUMMARY_KEY, instanceId);
      rewrite.set(TableMaintenance.RUN_SUMMARY_KEY, run);
      hook.beforeCommit(table, attempt);
      try {
        rewrite.commit();
      } catch (CommitStateUnknownException e) {
        throw e; // the files may be committed: keep them; the next round re-plans
      } catch (ValidationException e) {
        conflict = shorten(e.getMessage());
        if (!check.moved()) {
          break;
        }
        table.refresh(); // another writer recorded offsets since: copy the new ones
        base = table.currentSnapshot();
        continue;
      } catch (CommitFailedException e) {
        conflict = shorten(e.getMessage());
        break;
      } catch (RuntimeException e) {
        table.refresh();
        if (findRun(table, run).isEmpty()) {
          deleteQuietly(table, written); // not committed: the new files are ours to remove
        }
        throw e;
      }
      long snapshotId =
          findRun(table, run)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "compaction of "
                              + table.name()
                              + " committed but its snapshot is not in the metadata"));
      LOG.info(
          "compacted {} small files of {} into {} ({} rows) in snapshot {}",
          removed.size(),
          table.name(),
          added.size(),
          rows,
          snapshotId);
      return CompactionResult.committed(snapshotId, removed.size(), added.size(), rows);
    }
    deleteQuietly(table, written);
    LOG.warn(
        "compacting {} did not commit ({}); the table is unchanged, the next round re-plans",
        table.name(),
        conflict);
    return CompactionResult.conflicted(conflict);
  }

  private static Iterable<Snapshot> ancestors(Table table, Snapshot from) {
    return SnapshotUtil.ancestorsOf(from.snapshotId(), table::snapshot);
  }

  private static OptionalLong findRun(Table table, String run) {
    for (Snapshot s : table.snapshots()) {
      if (s.summary() != null && run.equals(s.summary().get(TableMaintenance.RUN_SUMMARY_KEY))) {
        return OptionalLong.of(s.snapshotId());
      }
    }
    return OptionalLong.empty();
  }

  /** Iceberg lists every missing file in its message: keep logs and results readable. */
  private static String shorten(String message) {
    String m = String.valueOf(message);
    return m.length() <= 300 ? m : m.substring(0, 300) + "...";
  }

  private static void deleteQuietly(Table table, List<String> locations) {
    for (String location : locations) {
      try {
        table.io().deleteFile(location);
      } catch (RuntimeException e) {
        LOG.debug("could not delete uncommitted file {}; orphan clean-up will", location, e);
      }
    }
  }

  /**
   * Fails the rewrite when its parent's latest offsets differ from the ones it copies (another
   * writer committed offsets between planning and commit): a stale copy would shadow them.
   */
  private static final class OffsetsUnchanged implements SnapshotAncestryValidator {
    private final Map<String, String> expected;
    private volatile boolean moved;

    OffsetsUnchanged(Map<String, String> expected) {
      this.expected = expected;
    }

    @Override
    public boolean validate(Iterable<Snapshot> baseSnapshots) {
      moved = !LatestOffsets.of(baseSnapshots).values().equals(expected);
      return !moved;
    }

    boolean moved() {
      return moved;
    }

    @Override
    public String errorMessage() {
      return "another writer recorded offsets since the compaction was planned";
    }
  }
}
