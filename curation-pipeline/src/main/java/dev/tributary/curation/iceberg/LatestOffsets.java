package dev.tributary.curation.iceberg;

import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;

/**
 * The latest value of every offset key (NEXT and SAFE, of any topic and partition) along one
 * snapshot ancestry, newest first: the same "first found wins" rule as {@link
 * TableOffsets#restore}, but for every key present rather than a set of partitions, and with the
 * oldest snapshot that still supplies one of the values (everything older may be expired without
 * changing what restore returns).
 */
final class LatestOffsets {
  private final Map<String, String> values;
  private final long oldestSourceTimestampMillis;
  private final Long oldestSourceSnapshotId;

  private LatestOffsets(
      Map<String, String> values, long oldestSourceTimestampMillis, Long oldestSourceSnapshotId) {
    this.values = Map.copyOf(values);
    this.oldestSourceTimestampMillis = oldestSourceTimestampMillis;
    this.oldestSourceSnapshotId = oldestSourceSnapshotId;
  }

  static boolean isOffsetKey(String key) {
    return key.startsWith(TableOffsets.NEXT_PREFIX) || key.startsWith(TableOffsets.SAFE_PREFIX);
  }

  /**
   * @param ancestry a snapshot and its ancestors, newest first (e.g. {@code
   *     SnapshotUtil.ancestorsOf})
   */
  static LatestOffsets of(Iterable<Snapshot> ancestry) {
    Map<String, String> values = new HashMap<>();
    long minTimestamp = Long.MAX_VALUE;
    long floorTimestamp = Long.MAX_VALUE;
    Long floorId = null;
    for (Snapshot s : ancestry) {
      // Snapshot clocks of different writers may disagree a little: keep the smallest timestamp
      // seen down to the oldest supplying snapshot, so that an expiry cutoff at or below it keeps
      // the whole chain (Iceberg stops retaining a branch at the first ancestor older than it).
      minTimestamp = Math.min(minTimestamp, s.timestampMillis());
      Map<String, String> summary = s.summary();
      if (summary == null) {
        continue;
      }
      boolean supplied = false;
      for (Map.Entry<String, String> e : summary.entrySet()) {
        if (isOffsetKey(e.getKey()) && !values.containsKey(e.getKey())) {
          values.put(e.getKey(), e.getValue());
          supplied = true;
        }
      }
      if (supplied) {
        floorTimestamp = minTimestamp;
        floorId = s.snapshotId();
      }
    }
    return new LatestOffsets(values, floorTimestamp, floorId);
  }

  /** Every offset key with its latest value. */
  Map<String, String> values() {
    return values;
  }

  /**
   * The smallest snapshot timestamp between the newest snapshot and the oldest one that supplies a
   * value ({@link Long#MAX_VALUE} when none does): expiring only snapshots older than this keeps
   * every latest value reachable.
   */
  long retainFromMillis() {
    return oldestSourceTimestampMillis;
  }

  /** The oldest snapshot that supplies a value, or null when no snapshot records offsets. */
  Long oldestSourceSnapshotId() {
    return oldestSourceSnapshotId;
  }
}
