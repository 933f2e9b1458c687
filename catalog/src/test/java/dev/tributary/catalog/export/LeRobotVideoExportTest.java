package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.lerobot.LeRobotConformance;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import dev.tributary.catalog.trainingset.TrainingSets;
import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotVideoExportTest {
  private static final String BUCKET = "tributary-videos";

  @TempDir Path dir;
  TestLake lake;
  TrainingSet set;
  Path objects;
  final Map<String, Episode> byId = new HashMap<>();

  @BeforeEach
  void buildASetWithVideos() throws Exception {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    objects = dir.resolve("data/objects");
    List<Episode> episodes = new ArrayList<>();
    for (int seed = 0; seed < 5; seed++) {
      Episode e = Episode.accepted(seed % 2 == 0 ? "aachen" : "bologna", "Pick the cube", seed);
      episodes.add(e);
      byId.put(e.episodeId(), e);
      Path mp4 = objects.resolve(BUCKET).resolve(e.siteId() + "/" + e.episodeId() + "/front.mp4");
      Files.createDirectories(mp4.getParent());
      try (H264Mp4Writer writer = new H264Mp4Writer(mp4, 64, 48, 30)) {
        for (int i = 0; i < e.samples(); i++) {
          YuvImage image = new YuvImage(64, 48);
          Arrays.fill(image.y(), (byte) (seed * 40 + i));
          Arrays.fill(image.u(), (byte) 128);
          Arrays.fill(image.v(), (byte) 128);
          writer.write(image);
        }
        assertThat(writer.finish()).isEqualTo(e.samples());
      }
    }
    new SyntheticCorpus(lake.catalog()).append(episodes);
    set =
        new TrainingSets(lake.catalog(), lake.config().warehouse())
            .build(TrainingSetSpec.of("with-video", 5));
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  @Test
  void everyEpisodesVideoSpanDecodesToItsNumberOfFrames() throws Exception {
    Path target = dir.resolve("dataset");
    ExportReport report =
        new LeRobotExporter(
                lake.catalog(),
                VideoSource.localObjects(objects, BUCKET),
                ExportOptions.defaults().withVideoCodec(VideoCodec.H264))
            .export(set, target, ExportProgress.none());

    // H.264 sources on the 30 fps grid, one frame per row: copied, not re-encoded
    assertThat(report.notes()).isEmpty();
    LeRobotConformance.assertConforms(target);
    Path video = target.resolve("videos/observation.images.front/chunk-000/file-000.mp4");
    List<Double> times = Mp4FrameCounter.frameTimes(video);
    long total = set.episodeIds().stream().mapToLong(id -> byId.get(id).samples()).sum();
    assertThat(times).hasSize((int) total);

    JsonNode info = new ObjectMapper().readTree(target.resolve("meta/info.json").toFile());
    JsonNode feature = info.path("features").path("observation.images.front");
    assertThat(feature.path("dtype").asText()).isEqualTo("video");
    assertThat(feature.path("info").path("video.codec").asText()).isEqualTo("h264");
    assertThat(info.path("video_path").asText()).startsWith("videos/{video_key}/");

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT episode_index, length, \"videos/observation.images.front/from_timestamp\","
                    + " \"videos/observation.images.front/to_timestamp\" FROM read_parquet('"
                    + target.resolve("meta/episodes/chunk-000/file-000.parquet")
                    + "') ORDER BY episode_index")) {
      double previousTo = 0;
      int rows = 0;
      while (rs.next()) {
        rows++;
        long length = rs.getLong(2);
        double from = rs.getDouble(3);
        double to = rs.getDouble(4);
        assertThat(from).isCloseTo(previousTo, org.assertj.core.data.Offset.offset(1e-9));
        long decoded = times.stream().filter(t -> t >= from - 1e-6 && t < to - 1e-6).count();
        assertThat(decoded)
            .as("frames decoded in episode %d's span", rs.getLong(1))
            .isEqualTo(length);
        assertThat(to - from).isCloseTo(length / 30.0, org.assertj.core.data.Offset.offset(1e-6));
        previousTo = to;
      }
      assertThat(rows).isEqualTo(5);
    }
  }

  @Test
  void aMissingVideoObjectIsAOneLineErrorAndNoTarget() throws Exception {
    Episode first = byId.get(set.episodeIds().get(2));
    Files.delete(
        objects.resolve(BUCKET).resolve(first.siteId() + "/" + first.episodeId() + "/front.mp4"));
    Path target = dir.resolve("dataset");
    assertThatThrownBy(
            () ->
                new LeRobotExporter(lake.catalog(), VideoSource.localObjects(objects, BUCKET))
                    .export(set, target, ExportProgress.none()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("is missing from the object store")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(target).doesNotExist();
  }
}
