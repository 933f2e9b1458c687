package dev.tributary.recorder.lerobot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.recorder.spool.SpooledEpisode;
import dev.tributary.schema.ActionJoints;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways real LeRobot datasets differ from lerobot-record's SO-101 output, each seen in a
 * published dataset (see shared/data/README.md): the import takes them as LeRobot's loader does.
 */
class RealDatasetQuirksTest {
  private static final List<String> SO101 = List.of(DatasetFixture.SO101);

  @TempDir Path dir;

  private int spools;

  private Spool spool() throws Exception {
    return Spool.open(dir.resolve("spool-" + spools++), SpoolConfig.defaults());
  }

  private DatasetFixture fixture(String version) {
    return new DatasetFixture(dir.resolve("ds"), version, List.of(), 40, 35);
  }

  private List<SpooledEpisode> importAll(DatasetFixture fixture, FeatureKeys keys)
      throws Exception {
    Spool spool = spool();
    ImportReport report =
        new LeRobotImporter("lisbon", "rig", keys).importInto(fixture.root, spool);
    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(fixture.lengths.length);
    List<SpooledEpisode> out = new java.util.ArrayList<>();
    for (ImportReport.Imported imported : report.imported()) {
      SpooledEpisode episode = spool.read(imported.episodeId());
      assertBitIdentical(episode, (int) imported.episodeIndex(), fixture);
      out.add(episode);
    }
    return out;
  }

  /** State and action, each with its own width, bit for bit. */
  private static void assertBitIdentical(SpooledEpisode episode, int e, DatasetFixture fixture) {
    int i = 0;
    for (JointChunk chunk : episode.chunks()) {
      assertThat(chunk.getState()).hasSize(SO101.size());
      assertThat(chunk.getAction()).hasSize(fixture.actionWidth);
      for (int k = 0; k < chunk.getCaptureMonoNanos().size(); k++, i++) {
        for (int j = 0; j < SO101.size(); j++) {
          assertThat(Float.floatToRawIntBits(chunk.getState().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(e, i, j, false)));
        }
        for (int j = 0; j < fixture.actionWidth; j++) {
          assertThat(Float.floatToRawIntBits(chunk.getAction().get(j).get(k)))
              .isEqualTo(Float.floatToRawIntBits(DatasetFixture.value(e, i, j, true)));
        }
      }
    }
    assertThat(i).isEqualTo(fixture.lengths[e]);
  }

  private static List<String> names(List<JointSpec> joints) {
    return joints.stream().map(JointSpec::getName).toList();
  }

  @Test
  void anActionWithItsOwnLengthAndNamesKeepsThem() throws Exception {
    // A Dobot CR5: 6 joint positions as state, 6 joint velocities + gripper as action.
    DatasetFixture fixture = fixture("v2.1");
    fixture.robotType = "cr5";
    fixture.actionWidth = 7;
    fixture.actionNamesJson =
        DatasetFixture.quoted(
            "j0_vel", "j1_vel", "j2_vel", "j3_vel", "j4_vel", "j5_vel", "gripper");
    fixture.writeAll();

    for (SpooledEpisode episode : importAll(fixture, FeatureKeys.AUTO)) {
      EpisodeManifest m = episode.manifest();
      assertThat(names(m.getJoints())).isEqualTo(SO101);
      assertThat(names(m.getActionJoints()))
          .containsExactly("j0_vel", "j1_vel", "j2_vel", "j3_vel", "j4_vel", "j5_vel", "gripper");
    }
  }

  @Test
  void namesGivenAsANestedListAreFlattenedAndAnActionWithTheSameNamesSharesThem() throws Exception {
    // Unitree G1: "names": [[...]].
    DatasetFixture fixture = fixture("v2.1");
    fixture.stateNamesJson = "[" + DatasetFixture.quoted(DatasetFixture.SO101) + "]";
    fixture.actionNamesJson = "[" + DatasetFixture.quoted(DatasetFixture.SO101) + "]";
    fixture.writeAll();

    for (SpooledEpisode episode : importAll(fixture, FeatureKeys.AUTO)) {
      assertThat(names(episode.manifest().getJoints())).isEqualTo(SO101);
      assertThat(ActionJoints.own(episode.manifest())).isFalse();
    }
  }

  @Test
  void namesGivenAsADictOfGroupsAreFlattenedInOrder() throws Exception {
    DatasetFixture fixture = fixture("v3.0");
    String arm = DatasetFixture.quoted(SO101.subList(0, 5).toArray(String[]::new));
    fixture.stateNamesJson = "{\"arm\":" + arm + ",\"hand\":[\"gripper.pos\"]}";
    fixture.actionNamesJson = "{\"motors\":" + DatasetFixture.quoted(DatasetFixture.SO101) + "}";
    fixture.writeAll();

    for (SpooledEpisode episode : importAll(fixture, FeatureKeys.AUTO)) {
      assertThat(names(episode.manifest().getJoints())).isEqualTo(SO101);
      assertThat(ActionJoints.own(episode.manifest())).isFalse();
    }
  }

  @Test
  void absentNamesBecomeStableGeneratedNamesSharedByAnActionOfTheSameLength() throws Exception {
    // Reachy 2: "names": null for state and action.
    DatasetFixture fixture = fixture("v3.0");
    fixture.stateNamesJson = "null";
    fixture.actionNamesJson = "null";
    fixture.writeAll();

    List<SpooledEpisode> episodes = importAll(fixture, FeatureKeys.AUTO);
    for (SpooledEpisode episode : episodes) {
      assertThat(names(episode.manifest().getJoints()))
          .containsExactly("joint_0", "joint_1", "joint_2", "joint_3", "joint_4", "joint_5");
      assertThat(ActionJoints.own(episode.manifest())).isFalse();
    }
  }

  @Test
  void namesThatDoNotMatchTheShapeAreReplacedWithANote() throws Exception {
    DatasetFixture fixture = fixture("v3.0");
    fixture.actionNamesJson = DatasetFixture.quoted("a", "b");
    fixture.writeAll();

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool());

    assertThat(report.failed()).isEmpty();
    assertThat(report.notes())
        .anySatisfy(n -> assertThat(n).contains("'action'", "2 names for shape [6]", "action_0"));
  }

  @Test
  void aV21DataPathWrittenWithChunkIndexIsFormattedAsLeRobotFormatsIt() throws Exception {
    DatasetFixture fixture = fixture("v2.1");
    fixture.v21DataPath = "data/chunk-{chunk_index:03d}/episode_{episode_index:06d}.parquet";
    fixture.writeAll();

    assertThat(importAll(fixture, FeatureKeys.AUTO)).hasSize(2);
  }

  @Test
  void stateAndActionsKeysAreFoundAndOtherKeysCanBeMapped() throws Exception {
    DatasetFixture usual = fixture("v2.1");
    usual.stateKey = "state";
    usual.actionKey = "actions";
    usual.writeAll();
    assertThat(importAll(usual, FeatureKeys.AUTO)).hasSize(2);

    DatasetFixture other = new DatasetFixture(dir.resolve("other"), "v3.0", List.of(), 30);
    other.stateKey = "qpos";
    other.writeAll();
    assertThatThrownBy(() -> new LeRobotImporter("lisbon", "rig").importInto(other.root, spool()))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("declares no state feature")
        .hasMessageContaining("qpos")
        .hasMessageContaining("--map-feature observation.state=KEY");
    ImportReport mapped =
        new LeRobotImporter("lisbon", "rig", FeatureKeys.parse(List.of("observation.state=qpos")))
            .importInto(other.root, spool());
    assertThat(mapped.failed()).isEmpty();
    assertThat(mapped.imported()).hasSize(1);
  }

  @Test
  void featureMappingsOtherThanStateAndActionAreRefused() {
    assertThatThrownBy(() -> FeatureKeys.parse(List.of("observation.images.top=cam")))
        .hasMessageContaining("map observation.state or action");
    assertThatThrownBy(() -> FeatureKeys.parse(List.of("observation.state")))
        .hasMessageContaining("STANDARD=KEY");
    assertThat(FeatureKeys.parse(List.of("action=none")).action()).isEmpty();
  }

  @Test
  void timestampsEqualToFrameIndexOverFpsAreSyntheticAndOthersAreKeptAsCaptureTimes()
      throws Exception {
    DatasetFixture synthetic = fixture("v3.0");
    synthetic.writeAll();
    for (SpooledEpisode episode : importAll(synthetic, FeatureKeys.AUTO)) {
      assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.SYNTHETIC);
    }

    DatasetFixture measured = new DatasetFixture(dir.resolve("cr5"), "v2.1", List.of(), 40);
    measured.captureTimestamps = true;
    measured.writeAll();
    SpooledEpisode episode = importAll(measured, FeatureKeys.AUTO).get(0);
    assertThat(episode.manifest().getTimestampSource()).isEqualTo(TimestampSource.CAPTURE);
    List<Long> mono = episode.chunks().get(0).getCaptureMonoNanos();
    assertThat(mono.get(3)).isEqualTo(Math.round((double) measured.timestamp(3) * 1e9));
  }

  @Test
  void unitsFollowLeRobotsNormalisationOnBusServoArmsAndAreUnknownElsewhere() throws Exception {
    DatasetFixture fixture = fixture("v3.0");
    fixture.writeAll();
    EpisodeManifest so101 = importAll(fixture, FeatureKeys.AUTO).get(0).manifest();
    // Fixture values stay within +/-30: range_m100_100 (the gripper's negative values: degrees).
    assertThat(so101.getJoints().get(0).getUnit()).isEqualTo("range_m100_100");

    assertThat(JointUnits.of("cr5", List.of("joint_0"), new float[][] {{0.2f, -0.9f}}))
        .containsExactly("unknown");
    assertThat(
            JointUnits.of(
                "so101_follower",
                List.of("shoulder_pan.pos", "gripper.pos"),
                new float[][] {{-100f, 40f}, {0f, 100f}}))
        .containsExactly("range_m100_100", "range_0_100");
    assertThat(JointUnits.of("so100", List.of("shoulder_pan.pos"), new float[][] {{-150f, 40f}}))
        .containsExactly("deg");
  }

  @Test
  void totalsThatDisagreeWithTheFilesAreNamedAndTheEpisodesImported() throws Exception {
    // Reachy 2's trimmed copy keeps the full dataset's total_frames.
    DatasetFixture fixture = fixture("v3.0");
    fixture.declaredTotalFrames = 14_983L;
    fixture.writeAll();

    ImportReport report = new LeRobotImporter("lisbon", "rig").importInto(fixture.root, spool());

    assertThat(report.failed()).isEmpty();
    assertThat(report.imported()).hasSize(2);
    assertThat(report.notes())
        .anySatisfy(
            n -> assertThat(n).contains("total_frames 14983", "the episodes listed hold 75"));
  }
}
