package dev.tributary.catalog.trainingset;

import dev.tributary.catalog.sql.CorpusSql;
import dev.tributary.catalog.sql.SqlException;
import dev.tributary.schema.table.CuratedTables;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Builds, saves, shows and rebuilds named training sets ({@code tributary trainingset build|show}).
 * A build reads both curated tables at their current snapshots and records those snapshot ids; a
 * rebuild reads the recorded snapshots (Iceberg time travel) and runs the same selection, so it
 * returns the identical list however much data arrived since, as long as the snapshots are not
 * expired. Plain Java: no framework, callable from the CLI, HTTP and tests.
 */
public final class TrainingSets {
  private final Catalog catalog;
  private final String warehouse;
  private final Clock clock;

  /**
   * @param warehouse the lake's warehouse location ({@code LakeConfig.warehouse()}); sets are
   *     stored under {@code <warehouse>/_tributary/training_sets/}
   */
  public TrainingSets(Catalog catalog, String warehouse) {
    this(catalog, warehouse, Clock.systemUTC());
  }

  TrainingSets(Catalog catalog, String warehouse, Clock clock) {
    this.catalog = catalog;
    this.warehouse = warehouse;
    this.clock = clock;
  }

  /**
   * Selects and saves a new set.
   *
   * @throws TrainingSetException one line: name taken, tables missing, nothing passes the filters
   */
  public TrainingSet build(TrainingSetSpec spec) {
    TrainingSetStore store = store();
    if (store.names().contains(spec.name())) {
      throw new TrainingSetException(
          "training set '"
              + spec.name()
              + "' already exists; sets are immutable, choose another name");
    }
    TrainingSet set;
    try (CorpusSql sql = CorpusSql.open(catalog, Map.of(), CorpusSql.Access.TRUSTED)) {
      Long episodesSnapshot = sql.snapshots().get(CuratedTables.EPISODES);
      if (episodesSnapshot == null) {
        throw new TrainingSetException(
            "tributary.episodes has no data yet; nothing to build a training set from");
      }
      List<Candidate> candidates = CandidateLoader.load(sql);
      List<Member> members = TrainingSetSelector.select(candidates, spec);
      Map<String, Integer> excluded = TrainingSetSelector.formatExclusions(candidates, spec);
      if (members.isEmpty()) {
        throw new TrainingSetException(
            "no episode passes the filters and quality gate of training set '"
                + spec.name()
                + "'; relax them"
                + (excluded.isEmpty() ? "" : " (excluded by --fps/--cameras: " + excluded + ")"));
      }
      set =
          new TrainingSet(
              spec,
              clock.instant(),
              episodesSnapshot,
              sql.snapshots().get(CuratedTables.FRAMES),
              members,
              excluded);
    } catch (SqlException e) {
      throw new TrainingSetException(e.getMessage(), e);
    }
    store.save(set);
    return set;
  }

  /** The saved set, as built. */
  public TrainingSet show(String name) {
    return store().load(name);
  }

  /** Names of all saved sets, sorted. */
  public List<String> names() {
    return store().names();
  }

  /**
   * Runs the saved set's selection again on its pinned snapshots.
   *
   * @return the set as rebuilt now (same parameters and snapshots; members from the fresh run)
   */
  public TrainingSet rebuild(String name) {
    TrainingSet saved = store().load(name);
    Map<TableIdentifier, Long> pinned = new HashMap<>();
    pinned.put(CuratedTables.EPISODES, saved.episodesSnapshotId());
    if (saved.framesSnapshotId() != null) {
      pinned.put(CuratedTables.FRAMES, saved.framesSnapshotId());
    }
    try (CorpusSql sql = CorpusSql.open(catalog, pinned, CorpusSql.Access.TRUSTED)) {
      List<Member> members = TrainingSetSelector.select(CandidateLoader.load(sql), saved.spec());
      return new TrainingSet(
          saved.spec(),
          saved.createdAt(),
          saved.episodesSnapshotId(),
          saved.framesSnapshotId(),
          members);
    } catch (SqlException e) {
      throw new TrainingSetException(
          "cannot rebuild training set '" + name + "': " + e.getMessage(), e);
    }
  }

  private TrainingSetStore store() {
    Table episodes;
    try {
      episodes = catalog.loadTable(CuratedTables.EPISODES);
    } catch (NoSuchTableException e) {
      throw new TrainingSetException(
          "tributary.episodes does not exist yet; the pipeline creates it on its first commit");
    }
    return new TrainingSetStore(episodes.io(), warehouse);
  }
}
