package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.lerobot.LeRobotConformance;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Episodes recorded at 30 and 50 Hz (each with a camera at its own rate) in one set: refused by
 * default, exported at one fps with {@code --resample-fps}, joints interpolated onto the grid,
 * videos re-timed to the same rows, and the folder conforms.
 */
class ResampleExportTest {
  private static final String BUCKET = "tributary-videos";
  private static final int SIDE = 64;

  @TempDir Path dir;
  TestLake lake;
  Path objects;
  TrainingSets sets;

  @BeforeEach
  void openLake() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    objects = dir.resolve("data/objects");
    sets = new TrainingSets(lake.catalog(), lake.config().warehouse());
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  /** Episodes at {@code rate} Hz, each with a front camera recorded at that rate. */
  private List<Episode> append(int firstSeed, int n, int rate) throws Exception {
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Episode e = Episode.accepted(i % 2 == 0 ? "aachen" : "bologna", "Pick", firstSeed + i);
      episodes.add(e);
      Path file = objects.resolve(BUCKET).resolve(e.episodeId() + "/front.mp4");
      Files.createDirectories(file.getParent());
      try (H264Mp4Writer w = new H264Mp4Writer(file, SIDE, SIDE, rate)) {
        YuvImage image = new YuvImage(SIDE, SIDE);
        for (int k = 0; k < e.samples(); k++) {
          image.fill(YuvImage.color(20 + (7 * k) % 200, 90, 40));
          w.write(image);
        }
        w.finish();
      }
    }
    new SyntheticCorpus(lake.catalog())
        .append(
            episodes,
            (e, row) -> {
              row.setField("joint_rate_hz", (float) rate);
              row.setField("camera_keys", List.of("front"));
              row.setField("video_keys", List.of(e.episodeId() + "/front.mp4"));
            });
    return episodes;
  }

  @Test
  void thirtyAndFiftyHzEpisodesAreRefusedByDefaultAndResampledTo30OnRequest() throws Exception {
    List<Episode> at30 = append(0, 3, 30);
    List<Episode> at50 = append(100, 2, 50);

    assertThatThrownBy(() -> sets.build(TrainingSetSpec.of("mixed", 10)))
        .isInstanceOf(TrainingSetException.class)
        .hasMessageContaining("3 x [30 Hz")
        .hasMessageContaining("2 x [50 Hz")
        .hasMessageContaining("--resample-fps");

    TrainingSet set = sets.build(TrainingSetSpec.of("at-30", 10).withResampleFps(30));
    assertThat(set.members()).hasSize(5);
    assertThat(sets.show("at-30").spec().resampleFps()).isEqualTo(30);
    Path target = dir.resolve("out");

    ExportReport report =
        new LeRobotExporter(
                lake.catalog(),
                VideoSource.localObjects(objects, BUCKET),
                ExportOptions.defaults().withVideoCodec(VideoCodec.H264))
            .export(set, target, ExportProgress.none());

    LeRobotConformance.assertConforms(target);
    JsonNode info = new ObjectMapper().readTree(target.resolve("meta/info.json").toFile());
    assertThat(info.path("fps").asInt()).isEqualTo(30);
    Map<String, List<float[]>> states = states(target, set);
    for (Episode e : at30) {
      List<float[]> rows = states.get(e.episodeId());
      assertThat(rows).hasSize(e.samples());
      for (int k = 0; k < rows.size(); k++) {
        assertThat(rows.get(k)[0]).isEqualTo(SyntheticCorpus.state(e.seed(), k, 0));
      }
    }
    for (Episode e : at50) {
      List<float[]> rows = states.get(e.episodeId());
      // the last row is the last 1/30 s grid point at or before the last 50 Hz sample
      assertThat(rows).hasSize((int) Math.floor((e.samples() - 1) * 30 / 50.0) + 1);
      for (int k = 0; k < rows.size(); k++) {
        double position = k * 50 / 30.0;
        int i = (int) Math.floor(position + 1e-9);
        double frac = position - i;
        for (int j = 0; j < SyntheticCorpus.JOINTS.size(); j++) {
          double expected =
              SyntheticCorpus.state(e.seed(), i, j) * (1 - frac)
                  + (frac > 0 ? SyntheticCorpus.state(e.seed(), i + 1, j) * frac : 0);
          assertThat((double) rows.get(k)[j]).isCloseTo(expected, within(1e-4));
        }
      }
    }
    assertThat(report.notes()).anyMatch(n -> n.contains("observation.images.front: re-encoded"));
    JsonNode provenance =
        new ObjectMapper().readTree(target.resolve("meta/tributary.json").toFile());
    assertThat(provenance.path("episodes").toString()).contains("\"resampled_from_hz\":50.0");
  }

  /** {@code observation.state} rows per Tributary episode id, in frame order. */
  private Map<String, List<float[]>> states(Path target, TrainingSet set) throws Exception {
    Map<String, List<float[]>> out = new HashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT episode_index, \"observation.state\" FROM read_parquet('"
                        + target.resolve("data/*/*.parquet")
                        + "') ORDER BY index")) {
      while (rs.next()) {
        String id = set.members().get(rs.getInt(1)).episodeId();
        Object[] values = (Object[]) rs.getArray(2).getArray();
        float[] v = new float[values.length];
        for (int j = 0; j < v.length; j++) {
          v[j] = ((Number) values[j]).floatValue();
        }
        out.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
      }
    }
    return out;
  }
}
