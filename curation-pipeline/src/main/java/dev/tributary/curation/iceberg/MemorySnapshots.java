package dev.tributary.curation.iceberg;

import dev.tributary.curation.state.StateFormatException;
import dev.tributary.curation.state.StateReader;
import dev.tributary.curation.state.StateWriter;
import dev.tributary.curation.verdict.CurationMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.GenericBlobMetadata;
import org.apache.iceberg.GenericStatisticsFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateStatistics;
import org.apache.iceberg.puffin.BlobMetadata;
import org.apache.iceberg.puffin.Puffin;
import org.apache.iceberg.puffin.PuffinReader;
import org.apache.iceberg.puffin.PuffinWriter;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decider's memory saved with the {@code episodes} snapshot it reflects, the Iceberg way: a
 * Puffin file in the table's metadata folder (S3 in deployments, so any instance on any machine
 * reads it), registered as that snapshot's {@link StatisticsFile}. The memory's stream ({@link
 * CurationMemory#writeTo}) is cut into blobs of 64 MiB ({@link PuffinParts}: a Puffin blob is read
 * whole), each with its CRC32C in its properties, checked before a byte of it is parsed. {@link
 * #load} finds the newest saved state whose snapshot is still in the current snapshot's history;
 * anything wrong (none, expired, unreadable, corrupt, another version) is logged and yields empty,
 * and the caller rebuilds from the table. Snapshot expiry drops the statistics files of expired
 * snapshots; {@code TableMaintenance} keeps the history back to {@link #latestSavedSnapshot}.
 */
public final class MemorySnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(MemorySnapshots.class);

  /** The Puffin blob type of a part of the saved memory. */
  public static final String BLOB_TYPE = "tributary-curation-memory";

  private MemorySnapshots() {}

  /** A saved memory read back, and the snapshot it reflects. */
  public record Loaded(CurationMemory memory, long snapshotId, long bytes) {}

  /** What a save wrote. */
  public record Saved(long snapshotId, String path, long bytes) {}

  /**
   * Writes the memory as the state of {@code snapshotId} and registers it; keeps the previous saved
   * state (an instance may be reading it) and deletes older ones.
   */
  public static Saved save(Table episodes, CurationMemory memory, long snapshotId) {
    Snapshot snapshot = episodes.snapshot(snapshotId);
    if (snapshot == null) {
      throw new IllegalArgumentException(
          "snapshot " + snapshotId + " is not in " + episodes.name());
    }
    String path =
        ((HasTableOperations) episodes)
            .operations()
            .metadataFileLocation(
                "curation-memory-" + snapshotId + "-" + UUID.randomUUID() + ".stats");
    PuffinWriter writer =
        Puffin.write(episodes.io().newOutputFile(path)).createdBy("tributary curation").build();
    long bytes;
    try (PuffinWriter w = writer;
        StateWriter out = new StateWriter(new PuffinParts.Output(w, snapshot))) {
      memory.writeTo(out);
      out.end();
      bytes = out.written();
    } catch (IOException | RuntimeException e) {
      deleteQuietly(episodes, path);
      throw e instanceof IOException io
          ? new UncheckedIOException("writing " + path + " failed", io)
          : (RuntimeException) e;
    }
    StatisticsFile file =
        new GenericStatisticsFile(
            snapshotId,
            path,
            writer.fileSize(),
            writer.footerSize(),
            GenericBlobMetadata.from(writer.writtenBlobsMetadata()));
    List<StatisticsFile> older = saved(episodes);
    UpdateStatistics update = episodes.updateStatistics().setStatistics(file);
    List<StatisticsFile> dropped = new ArrayList<>();
    for (int i = 1; i < older.size(); i++) { // older.get(0), the newest, stays
      if (older.get(i).snapshotId() != snapshotId) {
        update.removeStatistics(older.get(i).snapshotId());
        dropped.add(older.get(i));
      }
    }
    try {
      update.commit();
    } catch (RuntimeException e) {
      deleteQuietly(episodes, path);
      throw e;
    }
    for (StatisticsFile f : dropped) {
      deleteQuietly(episodes, f.path());
    }
    return new Saved(snapshotId, path, bytes);
  }

  private static void deleteQuietly(Table episodes, String path) {
    try {
      episodes.io().deleteFile(path);
    } catch (RuntimeException e) {
      LOG.warn("could not delete the saved memory {}: {}", path, e.toString());
    }
  }

  /** The snapshot of the newest saved memory (its history must be kept), if any. */
  public static Optional<Long> latestSavedSnapshot(Table episodes) {
    List<StatisticsFile> files = saved(episodes);
    return files.isEmpty() ? Optional.empty() : Optional.of(files.get(0).snapshotId());
  }

  /**
   * The newest saved memory whose snapshot is in the current snapshot's history, read back; empty
   * (with the reason logged) when there is none or it cannot be read.
   */
  public static Optional<Loaded> load(Table episodes) {
    episodes.refresh();
    Snapshot current = episodes.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    Map<Long, StatisticsFile> bySnapshot = new HashMap<>();
    saved(episodes).forEach(f -> bySnapshot.put(f.snapshotId(), f));
    if (bySnapshot.isEmpty()) {
      LOG.info("no saved curation memory in {}: rebuilding from the whole table", episodes.name());
      return Optional.empty();
    }
    StatisticsFile file = null;
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), episodes::snapshot)) {
      file = bySnapshot.get(s.snapshotId());
      if (file != null) {
        break;
      }
    }
    if (file == null) {
      LOG.info(
          "the saved curation memory of {} (snapshots {}) is not in the current history (expired):"
              + " rebuilding from the whole table",
          episodes.name(),
          bySnapshot.keySet());
      return Optional.empty();
    }
    try {
      return Optional.of(read(episodes, file));
    } catch (IOException | RuntimeException e) {
      // corrupt, truncated, another layout version, gone from the store, unreadable: never fatal
      LOG.warn(
          "the saved curation memory {} cannot be used ({}): rebuilding from the whole table",
          file.path(),
          e.toString());
      return Optional.empty();
    }
  }

  private static Loaded read(Table episodes, StatisticsFile file) throws IOException {
    try (PuffinReader reader =
        Puffin.read(episodes.io().newInputFile(file.path(), file.fileSizeInBytes()))
            .withFileSize(file.fileSizeInBytes())
            .withFooterSize(file.fileFooterSizeInBytes())
            .build()) {
      List<BlobMetadata> parts = new ArrayList<>();
      for (BlobMetadata b : reader.fileMetadata().blobs()) {
        if (BLOB_TYPE.equals(b.type())) {
          parts.add(b);
        }
      }
      parts.sort(Comparator.comparingInt(MemorySnapshots::partOf));
      long total = 0;
      for (int i = 0; i < parts.size(); i++) {
        if (partOf(parts.get(i)) != i || parts.get(i).compressionCodec() != null) {
          throw new StateFormatException(
              "parts are not 0.." + (parts.size() - 1) + ", uncompressed");
        }
        total += parts.get(i).length();
      }
      try (StateReader in = new StateReader(new PuffinParts.Input(reader, parts), total)) {
        CurationMemory memory = CurationMemory.readFrom(in);
        in.end();
        return new Loaded(memory, file.snapshotId(), total);
      }
    }
  }

  /** This pipeline's saved states, newest snapshot first (by sequence number). */
  private static List<StatisticsFile> saved(Table episodes) {
    List<StatisticsFile> out = new ArrayList<>();
    for (StatisticsFile f : episodes.statisticsFiles()) {
      if (!f.blobMetadata().isEmpty() && BLOB_TYPE.equals(f.blobMetadata().get(0).type())) {
        out.add(f);
      }
    }
    out.sort(
        Comparator.comparingLong(
                (StatisticsFile f) -> f.blobMetadata().get(0).sourceSnapshotSequenceNumber())
            .reversed());
    return out;
  }

  private static int partOf(BlobMetadata b) {
    try {
      return Integer.parseInt(b.properties().getOrDefault(PuffinParts.PART, "-1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
