package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.YuvImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image statistics as LeRobot's compute_stats.py computes them (values checked against it). */
class ImageStatsTest {
  @TempDir Path dir;

  @Test
  void framesAreSampledAsEstimateNumSamplesAndLinspaceDo() {
    // estimate_num_samples(n) printed by LeRobot's own function
    assertThat(ImageStats.sampleCount(50)).isEqualTo(50);
    assertThat(ImageStats.sampleCount(500)).isEqualTo(105);
    assertThat(ImageStats.sampleCount(1000)).isEqualTo(177);
    assertThat(ImageStats.sampleCount(20_000)).isEqualTo(1681);
    assertThat(ImageStats.sampleIndices(4)).containsExactly(0, 1, 2, 3);
    int[] at1000 = ImageStats.sampleIndices(1000);
    assertThat(at1000[0]).isZero();
    assertThat(at1000[176]).isEqualTo(999);
    assertThat(at1000[1]).isEqualTo(6); // round(999 / 176) = round(5.676)
  }

  @Test
  void largeFramesAreStridedAsAutoDownsampleHeightWidthDoes() {
    assertThat(ImageStats.downsampleFactor(640, 480)).isEqualTo(4);
    assertThat(ImageStats.downsampleFactor(480, 640)).isEqualTo(4);
    assertThat(ImageStats.downsampleFactor(299, 200)).isEqualTo(1);
    assertThat(ImageStats.downsampleFactor(300, 200)).isEqualTo(2);
  }

  @Test
  void quantilesReplayRunningQuantileStatsHistogram() {
    // LeRobot's RunningQuantileStats over the pixel values 10 x5, 12 x3, 40 x2, 250 x1 gives
    // q01 10.0, q50 11.976000308990479, q90 40.04560031890869, q99 249.99471954345702 (float32)
    long[] histogram = new long[256];
    histogram[10] = 5;
    histogram[12] = 3;
    histogram[40] = 2;
    histogram[250] = 1;

    double[] q = ImageStats.runningQuantiles(histogram, 10, 250, 11);

    assertThat(q[0]).isCloseTo(10.0, within(1e-6));
    assertThat(q[1]).isCloseTo(10.0, within(1e-6));
    assertThat(q[2]).isCloseTo(11.976000308990479, within(1e-4));
    assertThat(q[3]).isCloseTo(40.04560031890869, within(1e-4));
    assertThat(q[4]).isCloseTo(249.99471954345702, within(1e-4));
  }

  @Test
  void aSolidColourVideoGivesItsColourScaledTo01WithShapeThreeChannels() throws Exception {
    Path video = dir.resolve("red.mp4");
    try (H264Mp4Writer w = new H264Mp4Writer(video, 64, 48, 30)) {
      YuvImage image = new YuvImage(64, 48);
      image.fill(YuvImage.color(200, 40, 40));
      for (int k = 0; k < 30; k++) {
        w.write(image);
      }
      w.finish();
    }

    ImageStats.Episode stats = ImageStats.of(video, 64, 48, 30);

    assertThat(stats.count()).isEqualTo(30);
    assertThat(stats.mean()).hasSize(3);
    assertThat(stats.mean()[0]).isCloseTo(200 / 255.0, within(4 / 255.0));
    assertThat(stats.mean()[1]).isCloseTo(40 / 255.0, within(4 / 255.0));
    assertThat(stats.mean()[2]).isCloseTo(40 / 255.0, within(4 / 255.0));
    assertThat(stats.std()[0]).isLessThan(2 / 255.0);
    assertThat(stats.stat("q50")[0]).isBetween(stats.min()[0] - 1e-9, stats.max()[0] + 1e-9);
  }
}
