package dev.tributary.curation.iceberg;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of {@link TableMaintenance}.
 *
 * @param smallFileBytes a data file below this size is a compaction candidate (default 32 MiB)
 * @param minSmallFiles a partition is compacted once it has at least this many small files (default
 *     8)
 * @param targetFileBytes compacted files roll over at about this size (default 128 MiB)
 * @param maxRewriteBytesPerRun at most this many input bytes are rewritten per table per call, so
 *     that one call does not hold the consumer thread for long; the rest waits for the next call
 *     (default 256 MiB)
 * @param maxCommitAttempts how often a rewrite is re-committed when another writer moved the
 *     table's offsets between planning and commit (default 3)
 * @param expireOlderThan snapshots older than this may be expired (default 1 h); must exceed the
 *     longest query on a snapshot and the time a training-set build takes to write its JSON
 * @param retainLast the newest snapshots of {@code main} kept whatever their age (default 100)
 */
public record TableMaintenanceConfig(
    long smallFileBytes,
    int minSmallFiles,
    long targetFileBytes,
    long maxRewriteBytesPerRun,
    int maxCommitAttempts,
    Duration expireOlderThan,
    int retainLast) {

  private static final long MIB = 1024L * 1024L;

  public TableMaintenanceConfig {
    Objects.requireNonNull(expireOlderThan, "expireOlderThan");
    require(smallFileBytes > 0, "smallFileBytes must be > 0, got " + smallFileBytes);
    require(minSmallFiles >= 2, "minSmallFiles must be >= 2 (compacting one file gains nothing)");
    require(
        targetFileBytes >= smallFileBytes,
        "targetFileBytes (" + targetFileBytes + ") must be >= smallFileBytes (" + smallFileBytes);
    require(maxRewriteBytesPerRun > 0, "maxRewriteBytesPerRun must be > 0");
    require(maxCommitAttempts >= 1, "maxCommitAttempts must be >= 1");
    require(
        !expireOlderThan.isNegative() && !expireOlderThan.isZero(),
        "expireOlderThan must be positive, got " + expireOlderThan);
    require(retainLast >= 1, "retainLast must be >= 1 (the current snapshot is always kept)");
  }

  public static TableMaintenanceConfig defaults() {
    return new TableMaintenanceConfig(
        32 * MIB, 8, 128 * MIB, 256 * MIB, 3, Duration.ofHours(1), 100);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("table maintenance: " + message);
    }
  }
}
