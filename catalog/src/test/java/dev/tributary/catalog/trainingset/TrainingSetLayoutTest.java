package dev.tributary.catalog.trainingset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.export.ExportProgress;
import dev.tributary.catalog.export.LeRobotExporter;
import dev.tributary.catalog.lerobot.LeRobotConformance;
import dev.tributary.catalog.testing.TestLake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set that would mix LeRobot layouts is caught when it is built, not at export. */
class TrainingSetLayoutTest {
  @TempDir Path dir;
  TestLake lake;
  TrainingSets sets;

  @BeforeEach
  void openLake() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    sets = new TrainingSets(lake.catalog(), lake.config().warehouse());
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  private void append(int from, int n, float fps, String robot, List<String> cameras) {
    List<Episode> episodes = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      episodes.add(Episode.accepted("site-" + (i % 2), "Pick the cube", i));
    }
    new SyntheticCorpus(lake.catalog())
        .append(
            episodes,
            (e, row) -> {
              row.setField("joint_rate_hz", fps);
              row.setField("robot_type", robot);
              row.setField("camera_keys", cameras);
              row.setField(
                  "video_keys", cameras.stream().map(c -> e.episodeId() + "/" + c).toList());
            });
  }

  @Test
  void aSetMixing30And50FpsIsRefusedAtBuildAndFpsChoosesOneNamingWhatItExcluded() {
    append(0, 4, 30f, "so101_follower", List.of("front"));
    append(100, 3, 50f, "so101_follower", List.of("front"));

    assertThatThrownBy(() -> sets.build(TrainingSetSpec.of("mixed", 10)))
        .isInstanceOf(TrainingSetException.class)
        .hasMessageContaining("4 x [30 Hz")
        .hasMessageContaining("3 x [50 Hz")
        .hasMessageContaining("--fps")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    TrainingSet set = sets.build(TrainingSetSpec.of("at-30", 10).withFormat(30, List.of()));
    assertThat(set.members()).hasSize(4);
    assertThat(set.excluded()).containsEntry("joint rate 50 Hz, not --fps 30", 3);
    assertThat(set.describe()).contains("excluded 3 episodes: joint rate 50 Hz, not --fps 30");
    assertThat(sets.show("at-30").spec().fps()).isEqualTo(30);
  }

  @Test
  void jointOnlyAndCameraEpisodesAreCaughtAndCamerasKeepsTheOnesWithThatCamera() {
    append(0, 3, 30f, "so101_follower", List.of("front", "wrist"));
    append(100, 2, 30f, "so101_follower", List.of());

    assertThatThrownBy(() -> sets.build(TrainingSetSpec.of("mixed", 10)))
        .hasMessageContaining("cameras []")
        .hasMessageContaining("cameras [front, wrist]")
        .hasMessageContaining("--cameras");

    TrainingSet set =
        sets.build(TrainingSetSpec.of("front-only", 10).withFormat(null, List.of("front")));
    assertThat(set.members()).hasSize(3);
    assertThat(set.excluded())
        .containsEntry("cameras [] lack some of --cameras [front]", 2)
        .hasSize(1);
  }

  @Test
  void twoRobotTypesAreRefusedUntilOneIsChosen() {
    append(0, 2, 30f, "so101_follower", List.of());
    append(100, 2, 30f, "koch_follower", List.of());

    assertThatThrownBy(() -> sets.build(TrainingSetSpec.of("robots", 10)))
        .hasMessageContaining("koch_follower")
        .hasMessageContaining("so101_follower");
    TrainingSetSpec koch =
        new TrainingSetSpec(
            "koch", List.of("koch_follower"), null, null, null, null, null, null, null, 10, 50);
    assertThat(sets.build(koch).members()).hasSize(2);
  }

  @Test
  void anActionWithItsOwnNamesIsExportedUnderThemAndTheExportConforms() throws Exception {
    List<String> actionNames =
        SyntheticCorpus.JOINTS.stream().map(j -> j.replace(".pos", ".vel")).toList();
    List<Episode> episodes =
        List.of(Episode.accepted("a", "Wave", 1), Episode.accepted("b", "Wave", 2));
    new SyntheticCorpus(lake.catalog())
        .append(episodes, (e, row) -> row.setField("action_names", actionNames));
    TrainingSet set = sets.build(TrainingSetSpec.of("velocities", 2));
    Path target = dir.resolve("out");

    new LeRobotExporter(lake.catalog()).export(set, target, ExportProgress.none());

    LeRobotConformance.assertConforms(target);
    var features =
        new ObjectMapper().readTree(target.resolve("meta/info.json").toFile()).path("features");
    assertThat(features.path("action").path("names").toString()).contains("shoulder_pan.vel");
    assertThat(features.path("observation.state").path("names").toString())
        .contains("shoulder_pan.pos");
  }
}
