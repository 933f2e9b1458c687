package dev.tributary.curation.iceberg;

import dev.tributary.schema.table.CuratedTables;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Keeps the curated tables cheap to read: compacts the small files every commit adds, and expires
 * old snapshots without losing the Kafka offsets their summaries carry or the snapshots training
 * sets pin. Plain blocking calls, meant for the consumer thread between two commit cycles (see the
 * module README, "Maintenance").
 *
 * <p>A compaction snapshot (operation {@code replace}, summary {@value #MAINTENANCE_SUMMARY_KEY} =
 * {@code compaction}) copies the latest offsets of every partition from its parent, so restore
 * finds them even once older snapshots are expired. It records no progress of its own: zombie
 * fences must skip it ({@link #isCompaction}), whichever instance wrote it.
 */
public final class TableMaintenance {
  /** Summary key marking the snapshots this class writes; the value says which operation. */
  public static final String MAINTENANCE_SUMMARY_KEY = "tributary.maintenance";

  /** Summary key naming the instance that ran the maintenance. */
  public static final String INSTANCE_SUMMARY_KEY = "tributary.maintenance.instance";

  /** Tags protecting pinned snapshots from expiry are named this plus the snapshot id. */
  public static final String PIN_TAG_PREFIX = "tributary-pin-";

  static final String COMPACTION = "compaction";
  static final String RUN_SUMMARY_KEY = "tributary.maintenance.run";

  private final TableMaintenanceConfig config;
  private final SmallFileCompactor compactor;
  private final SnapshotExpirer expirer;

  public TableMaintenance(TableMaintenanceConfig config, String instanceId) {
    this(config, instanceId, Clock.systemUTC(), CommitHook.NONE);
  }

  TableMaintenance(TableMaintenanceConfig config, String instanceId, Clock clock, CommitHook hook) {
    this.config = config;
    this.compactor = new SmallFileCompactor(config, instanceId, hook);
    this.expirer = new SnapshotExpirer(clock);
  }

  /** Test seam: runs just before each commit attempt of a rewrite. */
  interface CommitHook {
    CommitHook NONE = (table, attempt) -> {};

    void beforeCommit(Table table, int attempt);
  }

  /** What one {@link #maintain} round did, per table. */
  public record Round(
      CompactionResult framesCompaction,
      CompactionResult episodesCompaction,
      ExpiryResult framesExpiry,
      ExpiryResult episodesExpiry) {}

  /**
   * Whether a snapshot was written by {@link #compact}: it copies offsets, it does not advance
   * them, so a zombie fence must not read it as another owner's progress.
   */
  public static boolean isCompaction(Snapshot snapshot) {
    return DataOperations.REPLACE.equals(snapshot.operation())
        && snapshot.summary() != null
        && COMPACTION.equals(snapshot.summary().get(MAINTENANCE_SUMMARY_KEY));
  }

  /**
   * One round over {@code frames} and {@code episodes}: compact both, then expire both with the
   * configured age and count, keeping training-set snapshots (read from the warehouse) and the
   * {@code episodes} history the derived tables resume from. When a training set cannot be read
   * nothing is expired this round (logged).
   */
  public Round maintain(LakeTables tables, String warehouse) {
    CompactionResult frames = compact(tables.frames());
    CompactionResult episodes = compact(tables.episodes());
    Optional<TrainingSetPins> pins = TrainingSetPins.read(tables.episodes().io(), warehouse);
    if (pins.isEmpty()) {
      ExpiryResult skipped = ExpiryResult.skipped("a training set is unreadable");
      return new Round(frames, episodes, skipped, skipped);
    }
    Duration age = config.expireOlderThan();
    int keep = config.retainLast();
    return new Round(
        frames,
        episodes,
        expirer.expire(tables.frames(), age, keep, pins.get().of(CuratedTables.FRAMES), Set.of()),
        expirer.expire(
            tables.episodes(),
            age,
            keep,
            pins.get().of(CuratedTables.EPISODES),
            keepChainsOf(tables)));
  }

  /**
   * Replaces the small data files of every partition that has at least {@code minSmallFiles} of
   * them by files of about {@code targetFileBytes}, in one {@code replace} snapshot that copies the
   * table's latest offsets. Rows are copied unchanged. A concurrent append is kept: the rewrite is
   * validated from the snapshot it was planned at, and re-committed on top of the new snapshot when
   * the append moved offsets (so the copies are never stale).
   */
  public CompactionResult compact(Table table) {
    return compactor.compact(table);
  }

  /**
   * Expires the snapshots of {@code main} older than {@code olderThan}, keeping at least the last
   * {@code retainLast}, every snapshot in {@code pinned}, and every snapshot still needed to
   * restore the latest offsets. Files no retained snapshot references are deleted by Iceberg.
   *
   * <p>Pinned snapshots are protected by tags named {@value #PIN_TAG_PREFIX}{@code <id>} (Iceberg
   * never expires a tagged snapshot, and readers can use the tag); tags of that prefix whose
   * snapshot is no longer pinned are removed, so unpinned data can go. If the tags cannot be
   * committed, nothing is expired.
   */
  public ExpiryResult expireSnapshots(
      Table table, Duration olderThan, int retainLast, Set<Long> pinned) {
    return expirer.expire(table, olderThan, retainLast, pinned, Set.of());
  }

  /**
   * The {@code episodes} snapshots a reader resumes from: the derived tables' last one, and the
   * newest saved curation memory's (a starting instance loads it and reads the appends since).
   */
  private static Set<Long> keepChainsOf(LakeTables tables) {
    Set<Long> keep = new HashSet<>(derivedFrom(tables.derived().quarantine()));
    MemorySnapshots.latestSavedSnapshot(tables.episodes()).ifPresent(keep::add);
    return keep;
  }

  /** The {@code episodes} snapshot the derived tables last folded in (they resume after it). */
  private static Set<Long> derivedFrom(Table quarantine) {
    quarantine.refresh();
    Snapshot last = quarantine.currentSnapshot();
    String from =
        last == null || last.summary() == null
            ? null
            : last.summary().get(CuratedTables.DERIVED_FROM_SUMMARY_KEY);
    try {
      return from == null ? Set.of() : Set.of(Long.parseLong(from));
    } catch (NumberFormatException e) {
      return Set.of();
    }
  }
}
