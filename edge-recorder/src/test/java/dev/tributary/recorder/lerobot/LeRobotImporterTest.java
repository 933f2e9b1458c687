package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.recorder.testing.Mp4Probe;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.TimestampSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotImporterTest {
  private static final List<String> CAMERAS =
      List.of("observation.images.front", "observation.images.wrist");

  @TempDir Path dir;

  private Spool spool() throws Exception {
    return Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
  }

  private static void assertJointsBitIdentical(SpooledEpisode episode, int e, int length) {
    assertThat(episode.commit().getSampleCount()).isEqualTo(length);
    int i = 0;
    for (JointChunk chunk : episode.chunks()) {
      for (int k = 0; k < chunk.getCaptureMonoNanos().size(); k++, i++) {
        for (int j = 0; j < 6; j++) {
          assertThat(Float.floatToRawIntBits(chunk.getState().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(e, i, j, false)));
          assertThat(Float.floatToRawIntBits(chunk.getAction().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(e, i, j, true)));
        }
      }
    }
    assertThat(i).isEqualTo(length);
  }

  /** Y of a grey RGB level in BT.601 limited range, as YuvImage.color computes it. */
  private static double luma(int grey) {
    return 16 + grey * 219.0 / 255;
  }

  @Test
  void aV3DatasetImportsOneVideoSegmentPerEpisodeAndCameraWithTheEpisodesFrames() throws Exception {
    // Episodes start at frames 0, 60 (keyframes: stream copy) and 105 (not: re-encoded).
    DatasetFixture fixture =
        new DatasetFixture(dir.resolve("v3"), "v3.0", CAMERAS, 60, 45, 50).writeAll();
    Spool spool = spool();

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool);

    assertThat(report.failed()).isEmpty();
    assertThat(report.notes()).isEmpty();
    assertThat(report.imported()).hasSize(3);
    for (ImportReport.Imported imported : report.imported()) {
      int e = (int) imported.episodeIndex();
      int length = fixture.lengths[e];
      SpooledEpisode episode = spool.read(imported.episodeId());
      assertJointsBitIdentical(episode, e, length);
      assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.SYNTHETIC);
      assertThat(episode.manifest().getSource()).isEqualTo("lerobot-v3");
      assertThat(episode.manifest().getCameras())
          .extracting(c -> c.getKey().toString() + "/" + c.getRole() + "/" + c.getCodec())
          .containsExactly(
              "observation.images.front/front/h264", "observation.images.wrist/wrist/h264");
      assertThat(episode.commit().getVideoFrameCounts())
          .containsEntry("observation.images.front", length)
          .containsEntry("observation.images.wrist", length);
      for (String camera : CAMERAS) {
        Mp4Probe.Result probe = Mp4Probe.decode(episode.videoFiles().get(camera));
        assertThat(probe.decodedFrames()).as("episode %d %s", e, camera).isEqualTo(length);
        assertThat(probe.width()).isEqualTo(DatasetFixture.WIDTH);
        // The last decoded frame is the episode's own last frame, not a neighbour's.
        assertThat(probe.meanLumaOfLastFrame())
            .isCloseTo(
                luma(DatasetFixture.grey(e, length - 1)), org.assertj.core.data.Offset.offset(4.0));
      }
    }
    assertThat(report.imported().get(0).videoMethods()).allMatch(m -> m.contains("stream copy"));
    assertThat(report.imported().get(1).videoMethods()).allMatch(m -> m.contains("stream copy"));
    assertThat(report.imported().get(2).videoMethods()).allMatch(m -> m.contains("re-encoded"));
  }

  @Test
  void aV21DatasetImportsWithBitIdenticalJointsAndItsVideosCopiedAsTheyAre() throws Exception {
    DatasetFixture fixture =
        new DatasetFixture(dir.resolve("v21"), "v2.1", CAMERAS, 40, 33).writeAll();
    Spool spool = spool();

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool);

    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(2);
    for (ImportReport.Imported imported : report.imported()) {
      int e = (int) imported.episodeIndex();
      SpooledEpisode episode = spool.read(imported.episodeId());
      assertJointsBitIdentical(episode, e, fixture.lengths[e]);
      assertThat(episode.manifest().getSource()).isEqualTo("lerobot-v2.1");
      assertThat(episode.manifest().getTask()).isEqualTo("Pick the cube");
      for (String camera : CAMERAS) {
        assertThat(sha256(episode.videoFiles().get(camera)))
            .isEqualTo(sha256(fixture.v21VideoFile(camera, e)));
        assertThat(episode.commit().getVideoFrameCounts())
            .containsEntry(camera, fixture.lengths[e]);
        assertThat(Mp4Probe.decode(episode.videoFiles().get(camera)).decodedFrames())
            .isEqualTo(fixture.lengths[e]);
      }
    }
    ImportReport again = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool);
    assertThat(again.imported()).isEmpty();
    assertThat(again.alreadySpooled()).hasSize(2);
  }

  @Test
  void aDatasetShippedWithoutAnyVideoFileIsImportedJointsOnlyWithANote() throws Exception {
    DatasetFixture fixture =
        new DatasetFixture(dir.resolve("v3"), "v3.0", CAMERAS, 30, 30).writeAll();
    deleteTree(fixture.root.resolve("videos"));

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool());

    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(2).allMatch(i -> i.videos() == 0);
    assertThat(report.notes())
        .singleElement()
        .asString()
        .contains("video files absent for [observation.images.front, observation.images.wrist]")
        .contains("joints only");
  }

  @Test
  void aMissingVideoFileOrATruncatedParquetFailsThatEpisodeInOneLine() throws Exception {
    DatasetFixture fixture =
        new DatasetFixture(dir.resolve("v21"), "v2.1", CAMERAS, 30, 30, 30).writeAll();
    Files.delete(fixture.v21VideoFile("observation.images.wrist", 1));
    Path data = fixture.v21DataFile(2);
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Spool spool = spool();

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool);

    assertThat(report.imported())
        .extracting(ImportReport.Imported::episodeIndex)
        .containsExactly(0L);
    assertThat(report.failed()).hasSize(2);
    assertThat(report.failed().get(0).reason())
        .contains("episode_000001.mp4 (observation.images.wrist) is missing");
    assertThat(report.failed().get(1).reason()).contains("episode_000002.parquet is unreadable");
    assertThat(report.failed()).allSatisfy(f -> assertThat(f.reason()).doesNotContain("\n"));
    assertThat(spool.ledgers()).hasSize(1); // nothing half-imported left behind
  }

  @Test
  void foreignFoldersBadJsonAndUnsupportedVersionsAreRefusedInOneLine() throws Exception {
    Spool spool = spool();
    LeRobotImporter importer = new LeRobotImporter("x", "rig");
    Files.createDirectories(dir.resolve("foreign"));
    assertThatThrownBy(() -> importer.importInto(dir.resolve("foreign"), spool))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("is not a LeRobotDataset: meta/info.json is missing");

    Path bad = dir.resolve("bad");
    Files.createDirectories(bad.resolve("meta"));
    Files.writeString(bad.resolve("meta/info.json"), "{\"codebase_version\": \"v3.0\", ");
    assertThatThrownBy(() -> importer.importInto(bad, spool))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("is not valid JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Files.writeString(bad.resolve("meta/info.json"), "{\"codebase_version\":\"v1.6\",\"fps\":10}");
    assertThatThrownBy(() -> importer.importInto(bad, spool))
        .hasMessageContaining("v1.6")
        .hasMessageContaining("supported: v3.0 and v2.1");
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  static void deleteTree(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
