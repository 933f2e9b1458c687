package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.media.SampledFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameHashesTest {
  @TempDir Path dir;

  private static SampledFrame halfSize(SampledFrame f) {
    int w = f.width() / 2;
    int h = f.height() / 2;
    byte[] rgb = new byte[w * h * 3];
    byte[] src = f.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              sum += src[3 * ((2 * y + dy) * f.width() + 2 * x + dx) + c] & 0xff;
            }
          }
          rgb[3 * (y * w + x) + c] = (byte) (sum / 4);
        }
      }
    }
    return new SampledFrame(f.timeSeconds(), w, h, rgb);
  }

  @Test
  void theHashIgnoresResolutionButNotContent() {
    SampledFrame a = TestFrames.scene(1, 0.2, 128, 96, 0);

    assertThat(FrameHashes.hamming(FrameHashes.hash(a), FrameHashes.hash(a))).isZero();
    assertThat(FrameHashes.hamming(FrameHashes.hash(a), FrameHashes.hash(halfSize(a))))
        .isLessThanOrEqualTo(4);
    assertThat(
            FrameHashes.hamming(
                FrameHashes.hash(a), FrameHashes.hash(TestFrames.scene(2, 0.2, 128, 96, 0))))
        .isGreaterThan(16);
  }

  @Test
  void matchedFractionComparesEachFrameWithTheNearestOfTheSameCamera() {
    long[] mine = {0L, 0xFFL, 0xFFFF_FFFFL};
    long[] theirs = {0x1L, 0xFFFF_FFFF_0000_0000L};
    FrameHashes a = FrameHashes.of(Map.of("cam", mine), Map.of());
    FrameHashes b = FrameHashes.of(Map.of("cam", theirs), Map.of());

    // 0 -> 1 bit from 0x1; 0xFF -> 7 bits from 0x1; 0xFFFFFFFF -> 31+ bits from either
    assertThat(a.matchedFraction(b, 10)).isEqualTo(2 / 3.0);
    assertThat(b.matchedFraction(a, 10)).isEqualTo(0.5);
    assertThat(a.confirms(b)).isFalse();
    assertThat(a.distance(a)).isZero();
    assertThat(a.distance(b)).isBetween(0.0, 1.0);
  }

  @Test
  void renamedCamerasArePooledAndNothingToCompareMatchesNothing() {
    FrameHashes a = FrameHashes.of(Map.of("front", new long[] {42L}), Map.of());
    FrameHashes b = FrameHashes.of(Map.of("observation.images.front", new long[] {43L}), Map.of());

    assertThat(a.matchedFraction(b, 10)).isEqualTo(1.0);
    assertThat(a.matchedFraction(FrameHashes.empty(), 10)).isZero();
    assertThat(a.distance(FrameHashes.empty())).isEqualTo(1.0);
  }

  @Test
  void alignedComparisonUsesTheStoredFrameNearestToTimePlusOffset() {
    FrameHashes fresh =
        FrameHashes.of(Map.of("cam", new long[] {1L, 2L}), Map.of("cam", new double[] {0.0, 1.0}));
    FrameHashes stored =
        FrameHashes.of(
            Map.of("cam", new long[] {-1L, 1L, 2L}), Map.of("cam", new double[] {0.0, 2.0, 3.0}));

    // with the trajectory's offset of 2 s the frames line up; without it they do not
    assertThat(fresh.alignedMatchedFraction(stored, 2.0, 0.25, 10)).isEqualTo(1.0);
    assertThat(fresh.alignedMatchedFraction(stored, 0.0, 0.25, 10)).isZero();
    assertThat(fresh.alignedMatchedFraction(stored, 10.0, 0.25, 10)).isNaN();
  }

  /**
   * On the simulated rig: the same recording at another resolution (a re-encoded, resized copy) is
   * confirmed; a different take at the same site matches many frames too (why hashes only confirm);
   * other sites' episodes do not.
   */
  @Test
  void onSimulatedSitesCopiesMatchAndSameSiteTakesCollide() throws Exception {
    SimulatedVideos sim = new SimulatedVideos(dir);
    List<Double> copies = new ArrayList<>();
    List<Double> sameSite = new ArrayList<>();
    List<Double> otherSite = new ArrayList<>();
    List<FrameHashes> previousSite = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      String site = "hash-site-" + s;
      FrameHashes take1 = hashes(sim.record(site, 1, none(), 6, 1, 160, 120, 15));
      FrameHashes copy = hashes(sim.record(site, 1, none(), 6, 1, 320, 240, 15));
      FrameHashes take2 = hashes(sim.record(site, 2, none(), 6, 1, 160, 120, 15));
      copies.add(copy.matchedFraction(take1, FrameHashes.DEFAULT_MAX_FRAME_DISTANCE));
      assertThat(copy.confirms(take1)).isTrue();
      sameSite.add(take2.matchedFraction(take1, FrameHashes.DEFAULT_MAX_FRAME_DISTANCE));
      for (FrameHashes other : previousSite) {
        otherSite.add(take1.matchedFraction(other, FrameHashes.DEFAULT_MAX_FRAME_DISTANCE));
      }
      previousSite.add(take1);
    }
    System.out.printf(
        "frame-hash matched fraction: copies %s, same-site takes %s, other sites %s%n",
        copies, sameSite, otherSite);
    assertThat(copies).allMatch(f -> f >= 0.8);
    assertThat(mean(sameSite)).isGreaterThan(mean(otherSite));
    assertThat(otherSite).allMatch(f -> f < 0.5);
  }

  private static dev.tributary.recorder.sim.SimFaults none() {
    return dev.tributary.recorder.sim.SimFaults.none();
  }

  private static FrameHashes hashes(SimulatedVideos.Recorded r) {
    VideoSampler sampler = new VideoSampler(SimulatedVideos.sourceOf(List.of(r)), 8, 128);
    return FrameHashes.of(sampler.sample(r.episode()).cameras());
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
