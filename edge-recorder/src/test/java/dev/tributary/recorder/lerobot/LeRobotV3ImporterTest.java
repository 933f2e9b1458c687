package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotV3ImporterTest {
  private static final Path REAL_SAMPLE = Path.of("/work/shared/data/lerobot-v3-so101-sample");

  @TempDir Path dir;

  @Test
  void aGeneratedV3DatasetImportsWithJointValuesBitIdenticalAndSo100NamesAliased()
      throws Exception {
    Path dataset = LeRobotV3Fixture.write(dir.resolve("ds"), 2, 75, LeRobotV3Fixture.SO100_NAMES);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());

    ImportReport report = new LeRobotV3Importer("lisbon", "rig").importInto(dataset, spool);

    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(2);
    assertThat(report.notes()).anyMatch(n -> n.contains("joints only"));
    for (ImportReport.Imported imported : report.imported()) {
      SpooledEpisode episode = spool.read(imported.episodeId());
      int e = (int) imported.episodeIndex();
      assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.SYNTHETIC);
      assertThat(episode.manifest().getSource()).isEqualTo("lerobot-v3");
      assertThat(episode.manifest().getTask()).isEqualTo("Pick the cube");
      assertThat(episode.manifest().getJoints())
          .extracting(j -> j.getName().toString())
          .containsExactly(
              "shoulder_pan.pos",
              "shoulder_lift.pos",
              "elbow_flex.pos",
              "wrist_flex.pos",
              "wrist_roll.pos",
              "gripper.pos");
      assertThat(episode.commit().getSampleCount()).isEqualTo(75);
      for (JointChunk chunk : episode.chunks()) {
        for (int k = 0; k < chunk.getCaptureMonoNanos().size(); k++) {
          int i = chunk.getFirstSampleIndex() + k;
          for (int j = 0; j < 6; j++) {
            assertThat(Float.floatToRawIntBits(chunk.getState().get(j).get(k)))
                .isEqualTo(Float.floatToRawIntBits(LeRobotV3Fixture.value(e, i, j, false)));
            assertThat(Float.floatToRawIntBits(chunk.getAction().get(j).get(k)))
                .isEqualTo(Float.floatToRawIntBits(LeRobotV3Fixture.value(e, i, j, true)));
          }
        }
      }
    }
  }

  @Test
  void importingTheSameFolderTwiceSpoolsNothingNew() throws Exception {
    Path dataset = LeRobotV3Fixture.write(dir.resolve("ds"), 2, 30, LeRobotV3Fixture.SO100_NAMES);
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    new LeRobotV3Importer("lisbon", "rig").importInto(dataset, spool);

    ImportReport again = new LeRobotV3Importer("lisbon", "rig").importInto(dataset, spool);

    assertThat(again.imported()).isEmpty();
    assertThat(again.alreadySpooled()).hasSize(2);
  }

  @Test
  void aForeignOrCorruptFolderGetsAOneLineReason() throws Exception {
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    Files.createDirectories(dir.resolve("foreign"));
    assertThatThrownBy(
            () -> new LeRobotV3Importer("x", "rig").importInto(dir.resolve("foreign"), spool))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("is not a LeRobotDataset: meta/info.json is missing");

    Path corrupt =
        LeRobotV3Fixture.write(dir.resolve("corrupt"), 1, 30, LeRobotV3Fixture.SO100_NAMES);
    Files.write(
        corrupt.resolve("data/chunk-000/file-000.parquet"), "not parquet at all".getBytes());
    ImportReport report = new LeRobotV3Importer("x", "rig").importInto(corrupt, spool);
    assertThat(report.failed())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).doesNotContain("\n"));

    Files.writeString(
        corrupt.resolve("meta/info.json"), "{\"codebase_version\":\"v1.6\",\"fps\":30}");
    assertThatThrownBy(() -> new LeRobotV3Importer("x", "rig").importInto(corrupt, spool))
        .hasMessageContaining("v1.6")
        .hasMessageContaining("supported: v3.0 and v2.1");
  }

  @Test
  void theRealSo101SampleImportsItsFourEpisodesJointsOnly() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(REAL_SAMPLE), "shared sample present");
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());

    ImportReport report = new LeRobotV3Importer("lisbon", "rig").importInto(REAL_SAMPLE, spool);

    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(4);
    assertThat(report.imported().stream().mapToInt(ImportReport.Imported::samples).sum())
        .isEqualTo(1492);
    assertThat(report.notes())
        .singleElement()
        .asString()
        .contains("video files absent")
        .contains("joints only");
    SpooledEpisode first = spool.read(report.imported().get(0).episodeId());
    assertThat(first.manifest().getTask())
        .isEqualTo("Pick the orange cube and place it in the box");
    assertThat(first.manifest().getRobotType()).isEqualTo("so101_follower");
    var rows = ParquetRows.readAll(REAL_SAMPLE.resolve("data/chunk-000/file-000.parquet"));
    long episodeIndex = report.imported().get(0).episodeIndex();
    var sourceRows =
        rows.stream().filter(r -> ParquetRows.getLong(r, "episode_index") == episodeIndex).toList();
    int i = 0;
    for (JointChunk chunk : first.chunks()) {
      for (int k = 0; k < chunk.getCaptureMonoNanos().size(); k++, i++) {
        float[] state = ParquetRows.floatList(sourceRows.get(i), "observation.state");
        float[] action = ParquetRows.floatList(sourceRows.get(i), "action");
        for (int j = 0; j < 6; j++) {
          assertThat(Float.floatToRawIntBits(chunk.getState().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(state[j]));
          assertThat(Float.floatToRawIntBits(chunk.getAction().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(action[j]));
        }
      }
    }
    assertThat(i).isEqualTo(sourceRows.size());
  }
}
