package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.testing.SyntheticEpisode;
import dev.tributary.curation.video.CameraSample;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.TestFrames;
import dev.tributary.media.SampledFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CameraQualityCheckerTest {
  private static final String CAM = "observation.images.front";
  private static final int W = 128;
  private static final int H = 96;
  private static final int N = 8;
  private static final double SECONDS = 8;

  private final CameraQualityChecker checker =
      new CameraQualityChecker(CameraThresholds.defaults());

  /** 8 s of a moving SO-101-like arm at 30 Hz. */
  private static AssembledEpisode movingArm() {
    return episode(SyntheticEpisode.builder().seed(11).samples(240).rateHz(30).build());
  }

  private static AssembledEpisode episode(SyntheticEpisode s) {
    return new AssembledEpisode(
        s.episodeId(), s.siteId(), 0, 0, 1, s.manifest, s.chunks, List.of(), null, 0, List.of());
  }

  /** N frames of the scene, the arm moving, each passed through {@code fault(index, frame)}. */
  private static List<SampledFrame> frames(FrameFault fault) {
    List<SampledFrame> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double t = (i + 0.5) / N * SECONDS;
      out.add(fault.apply(i, TestFrames.scene(5, (double) i / N, W, H, t)));
    }
    return out;
  }

  private interface FrameFault {
    SampledFrame apply(int index, SampledFrame frame);
  }

  private static CameraSample camera(List<SampledFrame> frames, double[] times) {
    return new CameraSample(CAM, TestFrames.video(frames, SECONDS), times, 30, times.length);
  }

  private static CameraSample camera(List<SampledFrame> frames) {
    return camera(frames, TestFrames.frameTimes(240, 30));
  }

  private List<String> check(AssembledEpisode e, CameraSample c) {
    return checker.check(e, new EpisodeVideos(List.of(c), Map.of(), 0, 0));
  }

  @Test
  void aCleanMovingSceneHasNoFlag() {
    CameraSample clean = camera(frames((i, f) -> f));

    assertThat(check(movingArm(), clean)).isEmpty();
    CameraMeasures m = checker.measure(clean);
    assertThat(m.sharpness()).isGreaterThan(0.8);
    assertThat(m.frozenFrames()).isEqualTo(1);
    assertThat(m.droppedFrames()).isZero();
  }

  @Test
  void oneImageRepeatedFrom40PercentOnIsAFrozenCamera() {
    List<SampledFrame> frames = frames((i, f) -> f);
    UnaryOperator<SampledFrame> frozen = f -> TestFrames.at(frames.get(3), f.timeSeconds());
    for (int i = 4; i < N; i++) {
      frames.set(i, frozen.apply(frames.get(i)));
    }

    assertThat(check(movingArm(), camera(frames))).containsExactly("camera_frozen:" + CAM);
    assertThat(checker.measure(camera(frames)).frozenFrames()).isEqualTo(5);
  }

  @Test
  void aStillPictureWhileTheArmStandsStillIsNotAFrozenCamera() {
    List<SampledFrame> still = frames((i, f) -> TestFrames.scene(5, 0.3, W, H, f.timeSeconds()));
    SyntheticEpisode s = SyntheticEpisode.builder().seed(11).samples(240).rateHz(30).build();
    // every joint pinned: an idle arm in front of a static scene looks exactly like a freeze
    s.chunks.replaceAll(
        c -> {
          List<List<Float>> state = new ArrayList<>();
          for (List<Float> joint : c.getState()) {
            state.add(new ArrayList<>(java.util.Collections.nCopies(joint.size(), 10f)));
          }
          return dev.tributary.schema.JointChunk.newBuilder(c).setState(state).build();
        });

    assertThat(check(episode(s), camera(still))).isEmpty();
  }

  @Test
  void twoRepeatedSamplesAreNotEnoughForAFrozenCamera() {
    List<SampledFrame> frames = frames((i, f) -> f);
    frames.set(6, TestFrames.at(frames.get(5), frames.get(6).timeSeconds()));

    assertThat(check(movingArm(), camera(frames))).isEmpty();
  }

  @Test
  void anAlmostBlackPictureIsADarkCameraAndNotAlsoFrozen() {
    CameraSample dark = camera(frames((i, f) -> TestFrames.darkened(f)));

    assertThat(check(movingArm(), dark)).containsExactly("camera_dark:" + CAM);
    assertThat(checker.measure(dark).meanLuma()).isLessThan(30);
  }

  @Test
  void anOutOfFocusPictureIsABlurryCamera() {
    CameraSample blurry = camera(frames((i, f) -> TestFrames.blurred(f, 2)));

    assertThat(check(movingArm(), blurry)).containsExactly("camera_blurry:" + CAM);
    assertThat(checker.measure(blurry).sharpness()).isLessThan(0.8);
  }

  @Test
  void sharpnessDoesNotDependOnContrast() {
    CameraSample normal = camera(frames((i, f) -> f));
    CameraSample dim =
        camera(
            frames(
                (i, f) -> {
                  byte[] rgb = f.rgb().clone();
                  for (int k = 0; k < rgb.length; k++) {
                    rgb[k] = (byte) (40 + (rgb[k] & 0xff) / 3);
                  }
                  return new SampledFrame(f.timeSeconds(), W, H, rgb);
                }));

    assertThat(checker.measure(dim).sharpness())
        .isCloseTo(checker.measure(normal).sharpness(), org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void gapsInTheFrameTimesAreDroppedFrames() {
    CameraSample dropping =
        camera(frames((i, f) -> f), TestFrames.frameTimes(240, 30, 10, 11, 50, 120, 200));

    assertThat(check(movingArm(), dropping)).containsExactly("video_dropped_frames:" + CAM);
    assertThat(checker.measure(dropping).droppedFrames()).isEqualTo(5);
  }

  @Test
  void oneDroppedFrameInTwoHundredFortyIsTolerated() {
    CameraSample one = camera(frames((i, f) -> f), TestFrames.frameTimes(240, 30, 100));

    assertThat(check(movingArm(), one)).isEmpty();
  }

  @Test
  void withoutADeclaredRateTheMedianIntervalIsThePeriod() {
    double[] times = TestFrames.frameTimes(240, 30, 10, 11, 50, 120, 200);
    CameraSample noRate =
        new CameraSample(CAM, TestFrames.video(frames((i, f) -> f), SECONDS), times, 0, 235);

    assertThat(checker.measure(noRate).droppedFrames()).isEqualTo(5);
  }

  @Test
  void aStreamWithOtherFramesThanDeclaredIsFlagged() {
    CameraSample c =
        new CameraSample(
            CAM,
            TestFrames.video(frames((i, f) -> f), SECONDS),
            TestFrames.frameTimes(240, 30),
            30,
            250);

    assertThat(check(movingArm(), c)).containsExactly("video_frame_count_differs:" + CAM);
  }

  @Test
  void anUnreadableCameraIsFlaggedAndTheOthersStillChecked() {
    EpisodeVideos videos =
        new EpisodeVideos(
            List.of(camera(frames((i, f) -> TestFrames.darkened(f)))),
            Map.of("observation.images.wrist", "s3://b/k does not exist"),
            0,
            0);

    assertThat(checker.check(movingArm(), videos))
        .containsExactly("camera_dark:" + CAM, "video_unreadable:observation.images.wrist");
  }
}
