package dev.tributary.curation.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.table.LakeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frames} written from the joint columns ({@link DataFileWriter#writeFrames}) are the files
 * Iceberg's generic writer makes of {@link CuratedRows#frames}: the same bytes, partitions and
 * metrics, for episodes with and without actions, with an action in some chunks only, with NaN and
 * signed zeros, and across midnight (two partitions).
 */
class FrameColumnsWriterTest {
  private static final long MIDNIGHT = 1_790_035_200_000_000L; // 2026-09-22T00:00Z, in micros

  @TempDir Path dir;

  @Test
  void writesTheFilesOfTheGenericRows() throws IOException {
    List<AssembledEpisode> episodes = new ArrayList<>();
    episodes.add(episode(SyntheticEpisode.builder().seed(1).episodeId("a").samples(240)));
    episodes.add(
        episode(SyntheticEpisode.builder().seed(2).episodeId("b").samples(90).withoutAction()));
    // across midnight: its first samples in one day's partition, the rest in the next
    episodes.add(
        episode(
            SyntheticEpisode.builder()
                .seed(3)
                .episodeId("c")
                .samples(120)
                .startMicros(MIDNIGHT - 1_500_000)));
    episodes.add(partialActionWithOddValues());
    episodes.add(
        episode(
            SyntheticEpisode.builder()
                .seed(5)
                .episodeId("e")
                .samples(60)
                .startMicros(MIDNIGHT + 3_600_000_000L)));

    try (LakeTables lake = LakeTables.open(LakeConfig.embedded(dir.resolve("lake")))) {
      Table frames = lake.frames();
      assertThat(DataFileWriter.writesFromColumns(frames)).isTrue(); // not the generic fallback
      // samples of a run's day join it without the partition transform: what is compared here
      assertThat(DataFileWriter.partitionedByCaptureDay(frames.spec())).isTrue();
      assertThat(DataFileWriter.partitionedByCaptureDay(lake.episodes().spec())).isFalse();
      DataFileWriter writer = new DataFileWriter("test");
      List<Record> rows = new ArrayList<>();
      episodes.forEach(e -> rows.addAll(CuratedRows.frames(e)));
      List<DataFile> generic = writer.write(frames, rows);
      List<DataFile> columns = writer.writeFrames(frames, episodes);

      // the builder's day (2026-09-21) and the day after midnight; "c" has rows in both
      assertThat(generic).hasSize(2);
      assertThat(columns).hasSameSizeAs(generic);
      for (int f = 0; f < generic.size(); f++) {
        DataFile g = generic.get(f);
        DataFile c = columns.get(f);
        assertThat(c.partition()).isEqualTo(g.partition());
        assertThat(c.recordCount()).isEqualTo(g.recordCount());
        assertThat(c.fileSizeInBytes()).isEqualTo(g.fileSizeInBytes());
        assertThat(c.columnSizes()).isEqualTo(g.columnSizes());
        assertThat(c.valueCounts()).isEqualTo(g.valueCounts());
        assertThat(c.nullValueCounts()).isEqualTo(g.nullValueCounts());
        assertThat(c.nanValueCounts()).isEqualTo(g.nanValueCounts());
        assertThat(c.lowerBounds()).isEqualTo(g.lowerBounds());
        assertThat(c.upperBounds()).isEqualTo(g.upperBounds());
        assertThat(c.splitOffsets()).isEqualTo(g.splitOffsets());
        assertThat(bytes(frames, c)).isEqualTo(bytes(frames, g));
      }
      // what the test compares is there: the top-level columns' counts and bounds
      assertThat(generic.get(0).valueCounts()).hasSize(5);
      assertThat(generic.get(0).lowerBounds()).hasSize(5);
    }
  }

  /** Actions in every other chunk only; a NaN, -0.0 and 0.0 among the states. */
  private static AssembledEpisode partialActionWithOddValues() {
    SyntheticEpisode s =
        SyntheticEpisode.builder().seed(4).episodeId("d").samples(100).chunkSize(25).build();
    List<JointChunk> chunks = new ArrayList<>();
    for (int k = 0; k < s.chunks.size(); k++) {
      JointChunk c = JointChunk.newBuilder(s.chunks.get(k)).build();
      if (k % 2 == 1) {
        c.setAction(List.of());
      }
      if (k == 0) {
        List<List<Float>> state = new ArrayList<>();
        for (List<Float> column : c.getState()) {
          state.add(new ArrayList<>(column));
        }
        state.get(0).set(3, Float.NaN);
        state.get(1).set(4, -0.0f);
        state.get(1).set(5, 0.0f);
        c.setState(state);
      }
      chunks.add(c);
    }
    return assembled(s, chunks);
  }

  private static AssembledEpisode episode(SyntheticEpisode.Builder b) {
    SyntheticEpisode s = b.build();
    return assembled(s, s.chunks);
  }

  private static AssembledEpisode assembled(SyntheticEpisode s, List<JointChunk> chunks) {
    return new AssembledEpisode(
        s.episodeId(),
        s.siteId(),
        0,
        0,
        1,
        s.manifest,
        chunks,
        s.videos,
        s.commit,
        s.commit.getCommittedAtMicros(),
        List.of());
  }

  private static byte[] bytes(Table table, DataFile file) throws IOException {
    try (InputStream in = table.io().newInputFile(file.location()).newStream()) {
      return in.readAllBytes();
    }
  }
}
