package dev.tributary.curation.consume;

import dev.tributary.curation.iceberg.CuratedRows;
import dev.tributary.curation.iceberg.DataFileWriter;
import dev.tributary.curation.iceberg.LakeTables;
import dev.tributary.curation.iceberg.TableOffsets;
import dev.tributary.schema.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * One checkpoint: appends the batch's rows to {@code frames}, then to {@code episodes}, each in one
 * Iceberg commit whose snapshot summary records NEXT and SAFE of every owned partition. {@code
 * frames} goes first so that an episode row is never visible before its samples.
 */
final class TableCommitter {
  private final LakeTables tables;
  private final DataFileWriter writer;
  private final CommitStageListener listener;

  TableCommitter(LakeTables tables, String instanceId, CommitStageListener listener) {
    this.tables = tables;
    this.writer = new DataFileWriter(instanceId);
    this.listener = listener;
  }

  void commit(List<PendingEpisode> batch, Map<Integer, Progress> progress, long curatedAtMicros) {
    List<Record> frames = new ArrayList<>();
    List<Record> episodes = new ArrayList<>();
    for (PendingEpisode pe : batch) {
      if (pe.toFrames()) {
        frames.addAll(CuratedRows.frames(pe.episode()));
      }
      if (pe.toEpisodes()) {
        episodes.add(CuratedRows.episode(pe.episode(), pe.decision(), curatedAtMicros));
      }
    }
    append(tables.frames(), frames, progress, Progress::nextFrames);
    listener.reached(CommitStage.FRAMES_COMMITTED);
    append(tables.episodes(), episodes, progress, Progress::nextEpisodes);
    listener.reached(CommitStage.EPISODES_COMMITTED);
  }

  void reached(CommitStage stage) {
    listener.reached(stage);
  }

  private void append(
      Table table,
      List<Record> rows,
      Map<Integer, Progress> progress,
      ToLongFunction<Progress> next) {
    List<DataFile> files = writer.write(table, rows);
    Map<String, String> summary = new HashMap<>();
    for (Progress p : progress.values()) {
      summary.putAll(
          TableOffsets.summary(Topics.INGEST.name(), p.partition(), next.applyAsLong(p), p.safe()));
    }
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    summary.forEach(append::set);
    append.commit();
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
