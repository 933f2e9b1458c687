package dev.tributary.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EpisodeValidatorTest {
  static final String EP = "3f2b8c1e-0d4a-4c59-9a77-1b2c3d4e5f60";

  @Test
  void aValidChunkPasses() {
    assertThatCode(
            () ->
                EpisodeValidator.validateChunk(
                    EP, 0, Fixtures.chunk(EP, 0, 10), JointShape.shared(3)))
        .doesNotThrowAnyException();
  }

  @Test
  void anActionWithItsOwnColumnsIsCheckedAgainstActionJoints() {
    JointChunk chunk = Fixtures.chunk(EP, 0, 10);
    List<List<Float>> action = new ArrayList<>(chunk.getAction());
    action.add(action.get(0)); // 3 joints + gripper, as a Dobot CR5's velocities + gripper
    chunk.setAction(action);
    assertThatCode(() -> EpisodeValidator.validateChunk(EP, 0, chunk, new JointShape(3, 4)))
        .doesNotThrowAnyException();
    assertThatCode(() -> EpisodeValidator.validateChunk(EP, 0, chunk, JointShape.UNKNOWN))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> EpisodeValidator.validateChunk(EP, 0, chunk, JointShape.shared(3)))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.reason()).isEqualTo("joint_count_mismatch");
              assertThat(r.getMessage()).contains("action has 4 columns", "declares 3");
            });
  }

  @Test
  void repeatedActionJointNamesAreRefused() {
    EpisodeManifest m = Fixtures.manifest(EP, "lisbon", "front");
    m.setActionJoints(
        List.of(new JointSpec("gripper", "percent"), new JointSpec("gripper", "percent")));
    assertThatThrownBy(() -> EpisodeValidator.validateManifest(EP, "lisbon", m))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> assertThat(r.getMessage()).contains("actionJoints name 'gripper'"));
  }

  static Stream<Arguments> badChunks() {
    return Stream.of(
        Arguments.of(
            "negative sequence",
            422,
            "negative_sequence",
            (Consumer<JointChunk>) c -> c.setSequence(-1)),
        Arguments.of(
            "path and body sequence differ",
            422,
            "sequence_mismatch",
            (Consumer<JointChunk>) c -> c.setSequence(7)),
        Arguments.of(
            "another episode's id",
            422,
            "episode_id_mismatch",
            (Consumer<JointChunk>) c -> c.setEpisodeId("00000000-0000-0000-0000-000000000000")),
        Arguments.of(
            "no samples",
            422,
            "empty_chunk",
            (Consumer<JointChunk>)
                c -> {
                  c.setCaptureMonoNanos(List.of());
                  c.setCaptureWallMicros(List.of());
                }),
        Arguments.of(
            "wall clock column too short",
            422,
            "column_length_mismatch",
            (Consumer<JointChunk>)
                c -> c.setCaptureWallMicros(c.getCaptureWallMicros().subList(0, 3))),
        Arguments.of(
            "a state column too short",
            422,
            "column_length_mismatch",
            (Consumer<JointChunk>) c -> c.getState().set(1, c.getState().get(1).subList(0, 2))),
        Arguments.of(
            "an action column too long",
            422,
            "column_length_mismatch",
            (Consumer<JointChunk>)
                c -> {
                  List<Float> longer = new ArrayList<>(c.getAction().get(0));
                  longer.add(1f);
                  c.getAction().set(0, longer);
                }),
        Arguments.of(
            "fewer joints than the manifest",
            422,
            "joint_count_mismatch",
            (Consumer<JointChunk>) c -> c.setState(c.getState().subList(0, 2))),
        Arguments.of(
            "timestamps going backwards",
            422,
            "non_monotonic_timestamps",
            (Consumer<JointChunk>)
                c -> {
                  List<Long> mono = new ArrayList<>(c.getCaptureMonoNanos());
                  mono.set(5, mono.get(4));
                  c.setCaptureMonoNanos(mono);
                }),
        Arguments.of(
            "NaN in state",
            422,
            "non_finite_value",
            (Consumer<JointChunk>)
                c -> {
                  List<Float> col = new ArrayList<>(c.getState().get(0));
                  col.set(2, Float.NaN);
                  c.getState().set(0, col);
                }));
  }

  @ParameterizedTest(name = "{0} is refused with {1} {2}")
  @MethodSource("badChunks")
  void badChunksAreRefusedWithTheirOwnReason(
      String what, int status, String reason, Consumer<JointChunk> breakIt) {
    JointChunk chunk = Fixtures.chunk(EP, 0, 10);
    chunk.setState(new ArrayList<>(chunk.getState()));
    chunk.setAction(new ArrayList<>(chunk.getAction()));
    breakIt.accept(chunk);
    assertThatThrownBy(() -> EpisodeValidator.validateChunk(EP, 0, chunk, JointShape.shared(3)))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(status);
              assertThat(r.reason()).isEqualTo(reason);
              assertThat(r.getMessage()).isNotBlank();
            });
  }

  @Test
  void aManifestForAnotherSiteIsForbidden() {
    EpisodeManifest m = Fixtures.manifest(EP, "porto", "front");
    assertThatThrownBy(() -> EpisodeValidator.validateManifest(EP, "lisbon", m))
        .isInstanceOfSatisfying(
            Rejection.class,
            r -> {
              assertThat(r.status()).isEqualTo(403);
              assertThat(r.reason()).isEqualTo("site_mismatch");
            });
  }

  @Test
  void cameraKeysThatCouldEscapeTheEpisodesFolderAreRefused() {
    for (String key : List.of("..", "a/b", "", "front cam", "x".repeat(200))) {
      assertThatThrownBy(() -> EpisodeValidator.requireCameraKey(key))
          .isInstanceOfSatisfying(
              Rejection.class, r -> assertThat(r.reason()).isEqualTo("invalid_camera_key"));
    }
    assertThat(EpisodeValidator.requireCameraKey("observation.images.front"))
        .isEqualTo("observation.images.front");
  }

  @Test
  void episodeIdsMustBeLowerCaseUuids() {
    for (String id : List.of("", "abc", EP.toUpperCase(), EP + "0")) {
      assertThatThrownBy(() -> EpisodeValidator.requireEpisodeId(id))
          .isInstanceOfSatisfying(
              Rejection.class, r -> assertThat(r.reason()).isEqualTo("invalid_episode_id"));
    }
  }

  @Test
  void aVideoReferenceMustPointAtItsOwnObjectKey() {
    var video = Fixtures.video(EP, "lisbon", "front", 10, "a".repeat(64));
    assertThatCode(
            () -> EpisodeValidator.validateVideo(EP, "front", "lisbon", video, Set.of("front")))
        .doesNotThrowAnyException();
    video.setObjectKey("sites/porto/episodes/" + EP + "/front.mp4");
    assertThatThrownBy(
            () -> EpisodeValidator.validateVideo(EP, "front", "lisbon", video, Set.of("front")))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("object_key_mismatch"));
  }

  @Test
  void aCommitMustGiveOneFrameCountPerManifestCamera() {
    var commit = Fixtures.commit(EP, List.of(Fixtures.chunk(EP, 0, 5)), Map.of("side", 10));
    assertThatThrownBy(() -> EpisodeValidator.validateCommit(EP, commit, Set.of("front")))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("video_frame_counts_mismatch"));
  }
}
