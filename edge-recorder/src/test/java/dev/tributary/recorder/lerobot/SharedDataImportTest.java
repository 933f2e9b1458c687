package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports every real LeRobot dataset in the workspace's {@code shared/data} (SO-101, Dobot CR5,
 * Unitree G1, Reachy 2: see its README) with default options, and checks each imported episode's
 * state and action against the statistics LeRobot itself wrote for that episode ({@code
 * meta/episodes_stats.jsonl} or the {@code stats/...} columns of {@code meta/episodes}): frame
 * count, and per value the exact float32 minimum and maximum. Those files are not in this
 * repository (licenses: see that README); the test is skipped where they are absent. Set {@code
 * -Dtributary.shared.data=DIR} to point elsewhere.
 */
class SharedDataImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Path sharedData() {
    String configured = System.getProperty("tributary.shared.data");
    return configured != null
        ? Path.of(configured)
        : Path.of("").toAbsolutePath().resolve("../../shared/data").normalize();
  }

  static Stream<Path> datasets() throws Exception {
    Path root = sharedData();
    if (!Files.isDirectory(root)) {
      return Stream.of(root.resolve("(absent)"));
    }
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk
          .filter(p -> Files.isRegularFile(p.resolve("meta/info.json")))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void everyEpisodeOfARealDatasetImportsAndMatchesLeRobotsOwnStatistics(Path dataset)
      throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(dataset), "shared/data is not here: " + sharedData() + " (skipped)");
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(dataset, spool);

    assertThat(report.failed()).as("episodes that failed").isEmpty();
    Map<Long, Map<String, JsonNode>> stats = episodeStats(dataset);
    assertThat(report.imported()).hasSize(stats.size());
    for (ImportReport.Imported imported : report.imported()) {
      SpooledEpisode episode = spool.read(imported.episodeId());
      Map<String, JsonNode> expected = stats.get(imported.episodeIndex());
      assertThat(expected).as("stats of episode %d", imported.episodeIndex()).isNotNull();
      String where = dataset.getFileName() + " episode " + imported.episodeIndex();
      assertMatches(where + " state", state(episode), expected.get("observation.state"));
      assertMatches(where + " action", action(episode), expected.get("action"));
    }
  }

  private static void assertMatches(String what, float[][] columns, JsonNode stats) {
    assertThat(stats).as(what + ": LeRobot's stats").isNotNull();
    assertThat(columns.length).as(what + " width").isEqualTo(stats.get("min").size());
    for (int j = 0; j < columns.length; j++) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : columns[j]) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertThat(columns[j].length)
          .as(what + " frames")
          .isEqualTo(stats.get("count").get(0).asInt());
      assertThat(min)
          .as(what + " min of value " + j)
          .isEqualTo((float) stats.get("min").get(j).asDouble());
      assertThat(max)
          .as(what + " max of value " + j)
          .isEqualTo((float) stats.get("max").get(j).asDouble());
    }
  }

  private static float[][] state(SpooledEpisode e) {
    return columns(e, true);
  }

  private static float[][] action(SpooledEpisode e) {
    return columns(e, false);
  }

  private static float[][] columns(SpooledEpisode e, boolean state) {
    int n = e.commit().getSampleCount();
    List<List<Float>> first = state ? e.chunks().get(0).getState() : e.chunks().get(0).getAction();
    float[][] out = new float[first.size()][n];
    int at = 0;
    for (JointChunk c : e.chunks()) {
      List<List<Float>> cols = state ? c.getState() : c.getAction();
      int k = c.getCaptureMonoNanos().size();
      for (int j = 0; j < cols.size(); j++) {
        for (int i = 0; i < k; i++) {
          out[j][at + i] = cols.get(j).get(i);
        }
      }
      at += k;
    }
    return out;
  }

  /** episode_index -> feature -> {min, max, count}, as LeRobot wrote them. */
  private static Map<Long, Map<String, JsonNode>> episodeStats(Path dataset) throws Exception {
    Map<Long, Map<String, JsonNode>> out = new HashMap<>();
    Path v21 = dataset.resolve("meta/episodes_stats.jsonl");
    if (Files.isRegularFile(v21)) {
      for (String line : Files.readAllLines(v21)) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          Map<String, JsonNode> features = new HashMap<>();
          node.get("stats").properties().forEach(f -> features.put(f.getKey(), f.getValue()));
          out.put(node.get("episode_index").asLong(), features);
        }
      }
      return out;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataset.resolve("meta/episodes"))) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
    for (Path file : files) {
      for (Group row : ParquetRows.readAll(file)) {
        Map<String, JsonNode> features = new HashMap<>();
        for (String feature : List.of("observation.state", "action")) {
          var node = JSON.createObjectNode();
          for (String stat : List.of("min", "max", "count")) {
            var array = node.putArray(stat);
            String column = "stats/" + feature + "/" + stat;
            if (ParquetRows.has(row, column)) {
              for (float v : numbers(row, column)) {
                array.add(v);
              }
            }
          }
          features.put(feature, node);
        }
        out.put(ParquetRows.getLong(row, "episode_index"), features);
      }
    }
    return out;
  }

  private static List<Float> numbers(Group row, String column) {
    List<Float> out = new ArrayList<>();
    for (float v : ParquetRows.floatList(row, column)) {
      out.add(v);
    }
    return out;
  }
}
