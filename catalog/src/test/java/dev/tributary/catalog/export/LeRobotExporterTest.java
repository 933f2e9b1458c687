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
import dev.tributary.recorder.lerobot.ImportReport;
import dev.tributary.recorder.lerobot.LeRobotV3Importer;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.JointChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeRobotExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestLake lake;
  TrainingSet set;
  final Map<String, Episode> byId = new HashMap<>();

  @BeforeEach
  void buildATrainingSet() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    List<Episode> episodes = new ArrayList<>();
    int seed = 0;
    for (String site : List.of("aachen", "bologna")) {
      for (String task : List.of("Pick the cube", "Stack the blocks")) {
        for (int i = 0; i < 3; i++) {
          episodes.add(Episode.accepted(site, task, seed++));
        }
      }
    }
    episodes.add(Episode.accepted("aachen", "Pick the cube", seed++).duplicateOf(episodes.get(0)));
    episodes.forEach(e -> byId.put(e.episodeId(), e));
    new SyntheticCorpus(lake.catalog()).append(episodes);
    set =
        new TrainingSets(lake.catalog(), lake.config().warehouse())
            .build(TrainingSetSpec.of("export-me", 10));
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  @Test
  void theEpisodesMetadataRollsOverAsLeRobotsWriterDoesAndTheFoldersConform() throws Exception {
    List<Episode> more = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      more.add(Episode.accepted("aachen", "Wave", 100 + i));
    }
    new SyntheticCorpus(lake.catalog()).append(more);
    TrainingSet many =
        new TrainingSets(lake.catalog(), lake.config().warehouse())
            .build(TrainingSetSpec.of("many", 25));
    Path target = dir.resolve("many");

    new LeRobotExporter(lake.catalog(), null, ExportOptions.defaults().withFileSizes(0.03, 1))
        .export(many, target, ExportProgress.none());

    LeRobotConformance.assertConforms(target);
    List<Path> files;
    try (Stream<Path> s = Files.walk(target.resolve("meta/episodes"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(1);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), min(\"meta/episodes/file_index\") FROM read_parquet('"
                    + files.get(0)
                    + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(10); // one flush of LeRobot's buffer, then rolled over
      assertThat(rs.getLong(2)).isZero();
    }
  }

  @Test
  void anExportedSetImportsBackWithIdenticalJointsTasksAndFrameCounts() throws Exception {
    Path target = dir.resolve("out/dataset");
    List<String> phases = new ArrayList<>();

    ExportReport report =
        new LeRobotExporter(lake.catalog())
            .export(
                set, target, (phase, done, total) -> phases.add(phase + " " + done + "/" + total));

    assertThat(report.episodes()).isEqualTo(10);
    LeRobotConformance.assertConforms(target);
    assertThat(phases).contains("frames 10/10").endsWith("commit 1/1");
    Spool spool = Spool.open(dir.resolve("spool"), SpoolConfig.defaults());
    ImportReport imported = new LeRobotV3Importer("roundtrip", "rig").importInto(target, spool);
    assertThat(imported.failed()).isEmpty();
    assertThat(imported.imported()).hasSize(10);
    long frames = 0;
    for (ImportReport.Imported one : imported.imported()) {
      Episode source = byId.get(set.episodeIds().get((int) one.episodeIndex()));
      SpooledEpisode back = spool.read(one.episodeId());
      assertThat(back.manifest().getTask()).isEqualTo(source.task());
      assertThat(back.commit().getSampleCount()).isEqualTo(source.samples());
      assertThat(back.manifest().getJoints())
          .extracting(j -> j.getName().toString())
          .containsExactlyElementsOf(SyntheticCorpus.JOINTS);
      for (JointChunk chunk : back.chunks()) {
        for (int k = 0; k < chunk.getCaptureMonoNanos().size(); k++) {
          int i = chunk.getFirstSampleIndex() + k;
          for (int j = 0; j < 6; j++) {
            assertThat(Float.floatToRawIntBits(chunk.getState().get(j).get(k)))
                .isEqualTo(Float.floatToRawIntBits(SyntheticCorpus.state(source.seed(), i, j)));
            assertThat(Float.floatToRawIntBits(chunk.getAction().get(j).get(k)))
                .isEqualTo(Float.floatToRawIntBits(SyntheticCorpus.action(source.seed(), i, j)));
          }
        }
      }
      frames += source.samples();
    }
    assertThat(report.frames()).isEqualTo(frames);
  }

  @Test
  void theDatasetHasContiguousIndicesAndConsistentMetadata() throws Exception {
    Path target = dir.resolve("dataset");
    ExportReport report =
        new LeRobotExporter(lake.catalog()).export(set, target, ExportProgress.none());
    LeRobotConformance.assertConforms(target);

    JsonNode info = JSON.readTree(target.resolve("meta/info.json").toFile());
    assertThat(info.path("codebase_version").asText()).isEqualTo("v3.0");
    assertThat(info.path("total_episodes").asInt()).isEqualTo(10);
    assertThat(info.path("total_frames").asLong()).isEqualTo(report.frames());
    assertThat(info.path("total_tasks").asInt()).isEqualTo(2);
    assertThat(info.path("fps").asInt()).isEqualTo(30);
    assertThat(info.path("features").path("observation.state").path("shape").get(0).asInt())
        .isEqualTo(6);
    JsonNode stats = JSON.readTree(target.resolve("meta/stats.json").toFile());
    assertThat(stats.path("action").path("mean")).hasSize(6);
    assertThat(stats.path("index").path("count").get(0).asLong()).isEqualTo(report.frames());

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      String data = "'" + target.resolve("data/chunk-000/file-000.parquet") + "'";
      String episodes = "'" + target.resolve("meta/episodes/chunk-000/file-000.parquet") + "'";
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), min(index), max(index), count(DISTINCT index),"
                  + " max(episode_index), count(DISTINCT episode_index) FROM read_parquet("
                  + data
                  + ")")) {
        rs.next();
        long n = rs.getLong(1);
        assertThat(n).isEqualTo(report.frames());
        assertThat(rs.getLong(2)).isZero();
        assertThat(rs.getLong(3)).isEqualTo(n - 1);
        assertThat(rs.getLong(4)).isEqualTo(n);
        assertThat(rs.getLong(5)).isEqualTo(9);
        assertThat(rs.getLong(6)).isEqualTo(10);
      }
      // frame_index runs 0..length-1 in every episode; the episode's index span matches the data
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM read_parquet("
                  + episodes
                  + ") e JOIN (SELECT episode_index,"
                  + " count(*) AS n, min(index) AS lo, max(index) AS hi, max(frame_index) AS fmax,"
                  + " min(frame_index) AS fmin FROM read_parquet("
                  + data
                  + ") GROUP BY 1) d"
                  + " USING (episode_index) WHERE e.length = d.n AND e.dataset_from_index = d.lo"
                  + " AND e.dataset_to_index = d.hi + 1 AND d.fmin = 0 AND d.fmax = d.n - 1")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(10);
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT task_index, task FROM read_parquet('"
                  + target.resolve("meta/tasks.parquet")
                  + "') ORDER BY 1")) {
        List<String> tasks = new ArrayList<>();
        while (rs.next()) {
          tasks.add(rs.getLong(1) + "=" + rs.getString(2));
        }
        assertThat(tasks)
            .hasSize(2)
            .allMatch(t -> t.matches("[01]=(Pick the cube|Stack the blocks)"));
      }
    }
  }

  @Test
  void anExistingOrUnwritableTargetGetsAOneLineErrorAndLeavesNothingBehind() throws Exception {
    Path existing = Files.createDirectories(dir.resolve("taken"));
    LeRobotExporter exporter = new LeRobotExporter(lake.catalog());
    assertThatThrownBy(() -> exporter.export(set, existing, ExportProgress.none()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("already exists")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Path aFile = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> exporter.export(set, aFile.resolve("dataset"), ExportProgress.none()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("is not writable")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
    }
  }

  @Test
  void aFailedExportRemovesItsPartialFolderAndCreatesNoTarget() throws Exception {
    // a set whose pinned snapshot lacks one of its episodes: the export must fail cleanly
    TrainingSet broken =
        new TrainingSet(
            set.spec(),
            set.createdAt(),
            set.episodesSnapshotId(),
            set.framesSnapshotId(),
            List.of(
                set.members().get(0),
                new dev.tributary.catalog.trainingset.Member(
                    "no-such-episode", "x", "t", "x / t")));
    Path target = dir.resolve("out2/dataset");
    assertThatThrownBy(
            () -> new LeRobotExporter(lake.catalog()).export(broken, target, ExportProgress.none()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("no-such-episode");
    assertThat(target).doesNotExist();
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }
}
