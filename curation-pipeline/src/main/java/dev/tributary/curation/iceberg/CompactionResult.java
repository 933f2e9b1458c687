package dev.tributary.curation.iceberg;

import java.util.OptionalLong;

/**
 * What one {@link TableMaintenance#compact} call did.
 *
 * @param outcome what happened
 * @param snapshotId the {@code replace} snapshot written, when {@link Outcome#COMMITTED}
 * @param filesRemoved small data files replaced
 * @param filesAdded compacted data files added
 * @param rows rows rewritten (equal in the removed and the added files)
 * @param detail why nothing was committed, for the log; empty when committed
 */
public record CompactionResult(
    Outcome outcome,
    OptionalLong snapshotId,
    int filesRemoved,
    int filesAdded,
    long rows,
    String detail) {

  public enum Outcome {
    /** No partition had enough small files; the table is unchanged. */
    NOTHING_TO_COMPACT,
    /** One {@code replace} snapshot replaced the small files. */
    COMMITTED,
    /**
     * Another writer changed the files or the offsets in a way the rewrite cannot follow (e.g. a
     * concurrent compaction removed the same files, or offsets kept moving for every attempt). The
     * table is unchanged and the new files were deleted; calling again re-plans.
     */
    CONFLICTED
  }

  static CompactionResult nothing(String detail) {
    return new CompactionResult(Outcome.NOTHING_TO_COMPACT, OptionalLong.empty(), 0, 0, 0, detail);
  }

  static CompactionResult conflicted(String detail) {
    return new CompactionResult(Outcome.CONFLICTED, OptionalLong.empty(), 0, 0, 0, detail);
  }

  static CompactionResult committed(long snapshotId, int removed, int added, long rows) {
    return new CompactionResult(
        Outcome.COMMITTED, OptionalLong.of(snapshotId), removed, added, rows, "");
  }
}
