package dev.tributary.curation.iceberg;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.bench.SimTakes;
import dev.tributary.curation.dedup.Trajectory;
import dev.tributary.curation.quality.QualityChecker;
import dev.tributary.curation.testing.SimulatedTakeChunks;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.verdict.CurationMemory;
import dev.tributary.curation.verdict.Decided;
import dev.tributary.curation.verdict.EpisodeDecider;
import dev.tributary.schema.JointChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * Episodes decided as the pipeline decides them (a live {@link CurationMemory}), written to an
 * {@code episodes} table one append per batch: distinct simulated takes, exact re-uploads, trimmed
 * copies (near duplicates) and clips followed by their full take (a cluster whose representative
 * changes), on two partitions with increasing offsets. For the saved-memory tests.
 */
public final class DecidedCorpus {
  private final Table episodes;
  private final EpisodeDecider decider = new EpisodeDecider(QualityChecker.none());
  private final DataFileWriter writer = new DataFileWriter("test");
  public final CurationMemory live = CurationMemory.empty();

  /** Every episode decided so far, in order. */
  public final List<String> decidedIds = new ArrayList<>();

  private final SyntheticEpisode like = SyntheticEpisode.builder().seed(3).build();
  private long offset;
  private long curatedAtMicros = 1_790_000_000_000_000L;

  public DecidedCorpus(Table episodes) {
    this.episodes = episodes;
  }

  /**
   * Decides a batch of {@code takes} new takes (from {@code firstSeed}) with copies, appends it.
   */
  public void appendBatch(long firstSeed, int takes) {
    List<AssembledEpisode> batch = new ArrayList<>();
    for (long seed = firstSeed; seed < firstSeed + takes; seed++) {
      String site = "site-" + (seed % 3);
      switch ((int) (seed % 4)) {
        case 0 -> {
          batch.add(take(site, seed, 0, 0));
          batch.add(take(site, seed, 0, 0)); // an exact re-upload under a new id
        }
        case 1 -> {
          batch.add(take(site, seed, 0, 0));
          batch.add(take(site, seed, 2, 1)); // a trimmed copy: near duplicate
        }
        case 2 -> {
          batch.add(take(site, seed, 3, 2)); // a clip first...
          batch.add(take(site, seed, 0, 0)); // ...then its full take, which supersedes it
        }
        default -> batch.add(take(site, seed, 0, 0));
      }
    }
    appendDecided(batch);
  }

  /** Decides the episodes in order (recording each in {@link #live}) and appends their rows. */
  public void appendDecided(List<AssembledEpisode> batch) {
    List<Record> rows = new ArrayList<>();
    curatedAtMicros += 1_000_000;
    for (AssembledEpisode e : batch) {
      Decided d = decider.decide(e, live);
      decidedIds.add(e.episodeId());
      live.record(d.remember());
      rows.add(CuratedRows.episode(e, d.decision(), curatedAtMicros));
    }
    AppendFiles append = episodes.newAppend();
    for (DataFile f : writer.write(episodes, rows)) {
      append.appendFile(f);
    }
    append.commit();
  }

  /** A simulated 12 s take, without its first/last chunks of 30 samples, as a new episode id. */
  public AssembledEpisode take(String site, long seed, int dropFirst, int dropLast) {
    Trajectory t = SimTakes.record(site, seed, 12, 30).trajectory();
    String id = UUID.randomUUID().toString();
    List<JointChunk> chunks = SimulatedTakeChunks.of(t, id, 30, dropFirst, dropLast);
    int partition = (int) (offset % 2);
    long at = offset++;
    return new AssembledEpisode(
        id, site, partition, at, at, like.manifest, chunks, like.videos, like.commit, 0, List.of());
  }
}
