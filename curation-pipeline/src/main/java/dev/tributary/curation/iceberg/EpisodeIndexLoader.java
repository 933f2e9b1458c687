package dev.tributary.curation.iceberg;

import dev.tributary.curation.dedup.ExactDuplicateIndex;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.schema.CurationVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Rebuilds the decider's memory (exact keys, near-duplicate sketches and clusters, frame hashes,
 * novelty vectors, length statistics) from the {@code episodes} table, and collects the verdicts of
 * recently written rows so they can be published again (their first publication may have been cut
 * short by a crash).
 */
public final class EpisodeIndexLoader {
  private EpisodeIndexLoader() {}

  /**
   * @param republishFrom partition -> offset: rows of that partition whose completing offset is at
   *     least this are returned as verdicts to publish again
   */
  public static Loaded load(Table episodes, Map<Integer, Long> republishFrom) {
    episodes.refresh();
    CurationMemory memory = CurationMemory.empty();
    List<CurationVerdict> republish = new ArrayList<>();
    if (episodes.currentSnapshot() == null) {
      return new Loaded(memory, republish, NO_SNAPSHOT);
    }
    long snapshotId = episodes.currentSnapshot().snapshotId();
    ExactDuplicateIndex exact = memory.exact();
    Map<String, Original> firstByKey = new HashMap<>();
    List<Original> originals = new ArrayList<>();
    List<EpisodeRows.Sketched> sketched = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(episodes)
            .useSnapshot(snapshotId)
            .select(EpisodeRows.COLUMNS)
            .build()) {
      for (Record row : rows) {
        String id = (String) row.getField("episode_id");
        String key = (String) row.getField("exact_key");
        String status = (String) row.getField("status");
        OffsetDateTime curated = (OffsetDateTime) row.getField("curated_at");
        boolean original = EpisodeRows.isOriginal(status);
        if (original) {
          Original o = new Original(id, key, curated);
          originals.add(o);
          if (key != null) {
            firstByKey.merge(key, o, Original::earlier);
          }
          addStatistics(memory, id, row);
        } else {
          exact.record(id, key, ExactDuplicateIndex.Status.OTHER);
        }
        joinCluster(memory, id, row);
        EpisodeRows.Sketched sketch = EpisodeRows.Sketched.of(id, row);
        if (sketch != null) {
          sketched.add(sketch);
        }
        Integer partition = (Integer) row.getField("source_partition");
        Long offset = (Long) row.getField("source_offset");
        Long from = partition == null ? null : republishFrom.get(partition);
        if (from != null && offset != null && offset >= from) {
          republish.add(EpisodeRows.verdictOf(row));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + episodes.name() + " failed", e);
    }
    // The earliest-curated original of each key is the reference; record it first.
    for (Original first : firstByKey.values()) {
      exact.record(first.id(), first.key(), ExactDuplicateIndex.Status.ORIGINAL);
    }
    for (Original o : originals) {
      exact.record(o.id(), o.key(), ExactDuplicateIndex.Status.ORIGINAL);
    }
    // Near-duplicate clusters depend on the order episodes joined them: replay it.
    sketched.sort(
        Comparator.comparing(EpisodeRows.Sketched::curatedAt)
            .thenComparingLong(EpisodeRows.Sketched::offset));
    for (EpisodeRows.Sketched s : sketched) {
      s.addTo(memory);
    }
    return new Loaded(memory, republish, snapshotId);
  }

  /**
   * The verdicts {@link #load} would collect for {@code republishFrom}, from a filtered scan of the
   * snapshot ({@code source_partition} and {@code source_offset}; files outside the range are
   * pruned by their column bounds), for a memory that was not rebuilt from the whole table.
   */
  public static List<CurationVerdict> republish(
      Table episodes, Map<Integer, Long> republishFrom, long snapshotId) {
    List<CurationVerdict> out = new ArrayList<>();
    if (republishFrom.isEmpty() || snapshotId == NO_SNAPSHOT) {
      return out;
    }
    Expression filter = Expressions.alwaysFalse();
    for (Map.Entry<Integer, Long> from : republishFrom.entrySet()) {
      filter =
          Expressions.or(
              filter,
              Expressions.and(
                  Expressions.equal("source_partition", from.getKey()),
                  Expressions.greaterThanOrEqual("source_offset", from.getValue())));
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(episodes)
            .useSnapshot(snapshotId)
            .select(EpisodeRows.COLUMNS)
            .where(filter)
            .build()) {
      for (Record row : rows) {
        Integer partition = (Integer) row.getField("source_partition");
        Long offset = (Long) row.getField("source_offset");
        Long from = partition == null ? null : republishFrom.get(partition);
        if (from != null && offset != null && offset >= from) { // the filter prunes files only
          out.add(EpisodeRows.verdictOf(row));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + episodes.name() + " failed", e);
    }
    return out;
  }

  /** {@link Loaded#snapshotId()} of an empty table. */
  public static final long NO_SNAPSHOT = -1;

  /**
   * {@link #catchUp(Table, CurationMemory, long, Predicate)} knowing no snapshot: reads them all.
   */
  public static CatchUp catchUp(Table episodes, CurationMemory memory, long fromSnapshotId) {
    return catchUp(episodes, memory, fromSnapshotId, snapshot -> false);
  }

  /**
   * Adds to a memory the rows appended to {@code episodes} after a snapshot it was built from and
   * that it does not know yet: the episodes other instances of the group decided meanwhile (this
   * instance's own are already in it and are skipped), in the order they were decided. Without
   * this, an instance would not see another's decisions until its next partition assignment, and a
   * copy of an episode decided elsewhere would pass as an original.
   *
   * @param fromSnapshotId the snapshot the memory has seen ({@link #NO_SNAPSHOT}: none)
   * @param known snapshots whose rows the memory is known to hold (the caller's own commits): when
   *     every snapshot since {@code fromSnapshotId} is known or a compaction (which adds no rows),
   *     nothing is read; the files appended since were read back only to be skipped
   * @return the snapshot now seen and how many rows were added; not {@code complete} when the
   *     snapshots since {@code fromSnapshotId} are no longer in the table's history (expired): the
   *     memory must then be rebuilt with {@link #load}
   */
  public static CatchUp catchUp(
      Table episodes, CurationMemory memory, long fromSnapshotId, Predicate<Snapshot> known) {
    episodes.refresh();
    if (episodes.currentSnapshot() == null) {
      return new CatchUp(fromSnapshotId, 0, true);
    }
    long to = episodes.currentSnapshot().snapshotId();
    if (to == fromSnapshotId || nothingUnknownSince(episodes, fromSnapshotId, known)) {
      return new CatchUp(to, 0, true);
    }
    if (fromSnapshotId != NO_SNAPSHOT && episodes.snapshot(fromSnapshotId) == null) {
      return new CatchUp(fromSnapshotId, 0, false);
    }
    // First the ids alone (most appended rows are this instance's own), then whole rows of the
    // unknown ones only.
    Set<String> unknown = new HashSet<>();
    List<Record> unseen = new ArrayList<>();
    try {
      try (CloseableIterable<Record> ids =
          appended(episodes, fromSnapshotId, to).select("episode_id").build()) {
        for (Record row : ids) {
          String id = (String) row.getField("episode_id");
          if (!memory.exact().isDecided(id)) {
            unknown.add(id);
          }
        }
      }
      if (unknown.isEmpty()) {
        return new CatchUp(to, 0, true);
      }
      try (CloseableIterable<Record> rows =
          appended(episodes, fromSnapshotId, to)
              .select(EpisodeRows.COLUMNS)
              .where(Expressions.in("episode_id", unknown.toArray()))
              .build()) {
        for (Record row : rows) {
          if (unknown.remove((String) row.getField("episode_id"))) {
            unseen.add(row.copy()); // the filter prunes files; rows are checked here
          }
        }
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // fromSnapshotId is no longer an ancestor of the current snapshot, or an overwrite (which
      // this pipeline never commits to episodes) lies in between: read the whole table instead
      return new CatchUp(fromSnapshotId, 0, false);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + episodes.name() + " failed", e);
    }
    unseen.sort(
        Comparator.comparing((Record r) -> (OffsetDateTime) r.getField("curated_at"))
            .thenComparingLong(EpisodeRows::offsetOf));
    for (Record row : unseen) {
      memory.record(EpisodeRows.entry(row)); // as the instance that decided it recorded it
    }
    return new CatchUp(to, unseen.size(), true);
  }

  /**
   * Whether the current snapshot's ancestry back to {@code from} holds only known snapshots and
   * compactions; false when {@code from} is not among its ancestors (then the scan decides).
   */
  private static boolean nothingUnknownSince(Table episodes, long from, Predicate<Snapshot> known) {
    Snapshot s = episodes.currentSnapshot();
    while (s != null && s.snapshotId() != from) {
      if (!known.test(s) && !TableMaintenance.isCompaction(s)) {
        return false;
      }
      s = s.parentId() == null ? null : episodes.snapshot(s.parentId());
    }
    return s != null || from == NO_SNAPSHOT;
  }

  private static IcebergGenerics.ScanBuilder appended(Table episodes, long from, long to) {
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(episodes);
    return from == NO_SNAPSHOT ? scan.useSnapshot(to) : scan.appendsBetween(from, to);
  }

  /** An accepted episode's novelty vector and duration. */
  private static void addStatistics(CurationMemory memory, String id, Record row) {
    String task = (String) row.getField("task");
    float[] features = EpisodeRows.floats(row.getField("diversity_features"));
    if (features != null) {
      memory.diversity().accept((String) row.getField("robot_type"), task, id, features);
    }
    Double duration = (Double) row.getField("duration_s");
    if (duration != null) {
      memory.lengths().record((String) row.getField("site_id"), task, duration);
    }
  }

  private static void joinCluster(CurationMemory memory, String id, Record row) {
    String cluster = (String) row.getField("duplicate_cluster");
    if (cluster != null) {
      memory.joinCluster(id, cluster);
    }
  }

  /**
   * @param snapshotId the snapshot of {@code episodes} the memory has now seen
   * @param added rows added to the memory
   * @param complete false when the history since the requested snapshot is gone (rebuild instead)
   */
  public record CatchUp(long snapshotId, int added, boolean complete) {}

  private record Original(String id, String key, OffsetDateTime curatedAt) {
    static Original earlier(Original a, Original b) {
      int byTime = a.curatedAt.compareTo(b.curatedAt);
      if (byTime != 0) {
        return byTime < 0 ? a : b;
      }
      return a.id.compareTo(b.id) <= 0 ? a : b;
    }
  }

  /**
   * The rebuilt memory, the verdicts to publish again, and the snapshot read ({@link #NO_SNAPSHOT}
   * for an empty table): the starting point of {@link #catchUp}.
   */
  public record Loaded(CurationMemory memory, List<CurationVerdict> republish, long snapshotId) {}
}
