package dev.tributary.curation.consume;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.QuarantinedEpisode;
import dev.tributary.curation.iceberg.CuratedRows;
import dev.tributary.curation.iceberg.DataFileWriter;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableMaintenance;
import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.schema.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * One checkpoint: appends the batch's rows to {@code frames}, then to {@code episodes}, each in one
 * Iceberg commit whose snapshot summary records NEXT and SAFE of every owned partition. {@code
 * frames} goes first so that an episode row is never visible before its samples. Each snapshot also
 * carries this committer's token ({@link #wrote}), so that the index catch-up can tell its own
 * appends from other instances' without reading them.
 */
final class TableCommitter {
  /** Summary key of the token naming the committer (one per loop) that wrote a snapshot. */
  static final String WRITER_SUMMARY_KEY = "tributary.writer";

  private final LakeTables tables;
  private final String token;
  private final DataFileWriter writer;
  private final CommitStageListener listener;
  // Per table: the last snapshot this instance wrote or saw at assignment, and its time. Any later
  // snapshot that records offsets of a partition we own was written by another owner.
  private final Map<String, long[]> baseline = new HashMap<>();

  TableCommitter(LakeTables tables, String instanceId, CommitStageListener listener) {
    this.tables = tables;
    this.writer = new DataFileWriter(instanceId);
    this.listener = listener;
    this.token = instanceId + "/" + UUID.randomUUID();
  }

  /**
   * Whether this committer wrote the snapshot: its rows are the decisions and quarantines this
   * loop's memory recorded before committing them.
   */
  boolean wrote(Snapshot snapshot) {
    return snapshot.summary() != null && token.equals(snapshot.summary().get(WRITER_SUMMARY_KEY));
  }

  void commit(
      List<PendingEpisode> batch,
      List<QuarantinedEpisode> quarantined,
      Map<Integer, Progress> progress,
      long curatedAtMicros) {
    List<AssembledEpisode> frames = new ArrayList<>();
    List<Record> episodes = new ArrayList<>();
    for (PendingEpisode pe : batch) {
      if (pe.toFrames()) {
        frames.add(pe.episode());
      }
      if (pe.toEpisodes()) {
        episodes.add(CuratedRows.episode(pe.episode(), pe.decision(), curatedAtMicros));
      }
    }
    for (QuarantinedEpisode q : quarantined) {
      episodes.add(CuratedRows.quarantined(q, curatedAtMicros));
    }
    Table framesTable = tables.frames();
    append(framesTable, writer.writeFrames(framesTable, frames), progress, Progress::nextFrames);
    listener.reached(CommitStage.FRAMES_COMMITTED);
    Table episodesTable = tables.episodes();
    append(episodesTable, writer.write(episodesTable, episodes), progress, Progress::nextEpisodes);
    listener.reached(CommitStage.EPISODES_COMMITTED);
  }

  /** Call after (re)assignment: snapshots from now on are checked for foreign offsets. */
  void resetFence() {
    for (Table table : List.of(tables.frames(), tables.episodes())) {
      table.refresh();
      remember(table);
    }
  }

  void reached(CommitStage stage) {
    listener.reached(stage);
  }

  private void append(
      Table table,
      List<DataFile> files,
      Map<Integer, Progress> progress,
      ToLongFunction<Progress> next) {
    Map<String, String> summary = new HashMap<>();
    for (Progress p : progress.values()) {
      summary.putAll(
          TableOffsets.summary(Topics.INGEST.name(), p.partition(), next.applyAsLong(p), p.safe()));
    }
    checkNotFenced(table, progress.keySet());
    AppendFiles append =
        table
            .newAppend()
            .scanManifestsWith(tables.commitWorkers())
            .writeManifestsWith(tables.commitWorkers(), 2);
    files.forEach(append::appendFile);
    summary.forEach(append::set);
    append.set(WRITER_SUMMARY_KEY, token);
    append.commit();
    remember(table);
  }

  /**
   * Refuses to commit when another writer recorded offsets of one of our partitions since our last
   * commit or assignment: one of us is a zombie (e.g. stalled past the session timeout), and
   * committing could write an episode twice. Stopping keeps the tables exactly-once; the restarted
   * instance resumes from whatever was committed. A race inside the few milliseconds of the commit
   * itself remains possible.
   */
  private void checkNotFenced(Table table, Set<Integer> owned) {
    long[] base = baseline.get(table.name());
    if (base == null || owned.isEmpty()) {
      return;
    }
    table.refresh();
    Snapshot s = table.currentSnapshot();
    while (s != null && s.snapshotId() != base[0] && s.timestampMillis() >= base[1]) {
      // A compaction (by any instance) copies every partition's offsets; it never advances them.
      for (int partition : TableMaintenance.isCompaction(s) ? Set.<Integer>of() : owned) {
        String key = TableOffsets.NEXT_PREFIX + Topics.INGEST.name() + "." + partition;
        if (s.summary() != null && s.summary().containsKey(key)) {
          throw new IllegalStateException(
              "fenced: snapshot "
                  + s.snapshotId()
                  + " of "
                  + table.name()
                  + " recorded offsets of partition "
                  + partition
                  + " that another instance wrote after this one took it; stopping without"
                  + " committing");
        }
      }
      s = s.parentId() == null ? null : table.snapshot(s.parentId());
    }
  }

  private void remember(Table table) {
    Snapshot current = table.currentSnapshot();
    baseline.put(
        table.name(),
        current == null
            ? new long[] {-1, Long.MIN_VALUE}
            : new long[] {current.snapshotId(), current.timestampMillis()});
  }

  /**
   * What a checkpoint records for one partition.
   *
   * @param nextEpisodes every event below it is decided for {@code episodes}
   * @param nextFrames every event below it is decided for {@code frames}
   * @param safe a restart reads from here
   * @param changed whether it differs from what the tables hold
   */
  record Progress(int partition, long nextEpisodes, long nextFrames, long safe, boolean changed) {}
}
