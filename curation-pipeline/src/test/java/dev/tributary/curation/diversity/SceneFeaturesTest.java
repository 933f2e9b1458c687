package dev.tributary.curation.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.curation.video.TestFrames;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.media.SampledFrame;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneFeaturesTest {
  @TempDir Path dir;

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Test
  void theVectorHasTheDocumentedLayoutAndUnitNorm() {
    float[] v =
        SceneFeatures.of(
            List.of(TestFrames.scene(1, 0.1, 128, 96, 0), TestFrames.scene(1, 0.6, 128, 96, 1)));

    assertThat(v).hasSize(SceneFeatures.LENGTH).hasSize(63 + 128);
    assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    double layout = 0;
    for (int i = 0; i < SceneFeatures.LAYOUT_DIMS; i++) {
      layout += v[i] * v[i];
    }
    assertThat(layout).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void aUniformGreyPictureHasOnlyAColourBlock() {
    byte[] rgb = new byte[64 * 48 * 3];
    java.util.Arrays.fill(rgb, (byte) 128);
    float[] v = SceneFeatures.of(List.of(new SampledFrame(0, 64, 48, rgb)));

    assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    // grey: saturation 0 -> hue bin 0, value 128 -> bin 2
    assertThat(v[SceneFeatures.COLOUR_OFFSET + 2]).isEqualTo(1f);
  }

  @Test
  void theSameSceneIsCloserThanAnotherWhateverTheArmDoes() {
    float[] a = SceneFeatures.of(List.of(TestFrames.scene(1, 0.1, 128, 96, 0)));
    float[] b = SceneFeatures.of(List.of(TestFrames.scene(1, 0.8, 128, 96, 0)));
    float[] other = SceneFeatures.of(List.of(TestFrames.scene(2, 0.1, 128, 96, 0)));

    assertThat(SceneFeatures.similarity(a, b)).isGreaterThan(SceneFeatures.similarity(a, other));
    assertThat(SceneFeatures.similarity(a, a))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void noFrameIsAnError() {
    assertThatThrownBy(() -> SceneFeatures.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Two takes at one simulated site are more alike than takes at two different sites. */
  @Test
  void onSimulatedSitesTakesAtOneSiteAreCloserThanOtherSites() throws Exception {
    SimulatedVideos sim = new SimulatedVideos(dir);
    int closer = 0;
    int sites = 6;
    for (int s = 0; s < sites; s++) {
      float[] take1 =
          features(sim.record("scene-site-" + s, 1, SimFaults.none(), 5, 1, 160, 120, 15));
      float[] take2 =
          features(sim.record("scene-site-" + s, 2, SimFaults.none(), 5, 1, 160, 120, 15));
      float[] other =
          features(sim.record("scene-site-" + (s + 1), 1, SimFaults.none(), 5, 1, 160, 120, 15));
      double same = SceneFeatures.similarity(take1, take2);
      double diff = SceneFeatures.similarity(take1, other);
      System.out.printf(
          "scene similarity site %d: same site %.3f, other site %.3f%n", s, same, diff);
      if (same > diff) {
        closer++;
      }
    }
    assertThat(closer).isEqualTo(sites);
  }

  @Test
  void everyColourFallsInTheBinOfTheHsvFormula() {
    int differing = 0;
    int[] used = new int[SceneFeatures.COLOUR_DIMS];
    for (int r = 0; r < 256; r++) {
      for (int g = 0; g < 256; g++) {
        for (int b = 0; b < 256; b++) {
          int bin = SceneFeatures.bin(r, g, b);
          differing += bin == formulaBin(r, g, b) ? 0 : 1;
          used[bin]++;
        }
      }
    }
    assertThat(differing).isZero();
    // every bin reached but those of a hue at saturation bin 0 (such pixels count in hue bin 0)
    for (int bin = 0; bin < used.length; bin++) {
      boolean hueWithoutSaturation = bin >= 16 && (bin / 4) % 4 == 0;
      assertThat(used[bin] == 0).as("bin %d unused", bin).isEqualTo(hueWithoutSaturation);
    }
  }

  /** The bin as the per-pixel arithmetic computed it before the look-up tables. */
  private static int formulaBin(int r, int g, int b) {
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    int chroma = max - min;
    double saturation = max == 0 ? 0 : (double) chroma / max;
    int s = Math.min(SceneFeatures.SATURATION_BINS - 1, (int) (saturation * 4));
    int v = Math.min(SceneFeatures.VALUE_BINS - 1, max * 4 / 256);
    int h = 0;
    if (s > 0 && chroma > 0) {
      double hue;
      if (max == r) {
        hue = (double) (g - b) / chroma;
        if (hue < 0) {
          hue += 6;
        }
      } else if (max == g) {
        hue = 2 + (double) (b - r) / chroma;
      } else {
        hue = 4 + (double) (r - g) / chroma;
      }
      h = Math.min(SceneFeatures.HUE_BINS - 1, (int) (hue / 6 * 8));
    }
    return (h * 4 + s) * 4 + v;
  }

  private static float[] features(SimulatedVideos.Recorded r) {
    VideoSampler sampler = new VideoSampler(SimulatedVideos.sourceOf(List.of(r)), 8, 128);
    return SceneFeatures.of(sampler.sample(r.episode()).allFrames());
  }
}
