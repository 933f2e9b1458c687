package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.media.SampledFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameMathTest {
  /**
   * The thumbnail DCT that hashes and scene features read: the full transform's low frequencies,
   * bit for bit, and nothing else.
   */
  @Test
  void theThumbnailDctIsTheFullTransformsLowFrequencies() {
    Random random = new Random(17);
    int n = FrameMath.THUMBNAIL;
    int k = FrameMath.THUMBNAIL_FREQUENCIES;
    for (int f = 0; f < 40; f++) {
      SampledFrame frame =
          f % 2 == 0
              ? TestFrames.scene(f, random.nextDouble(), 160 + f, 120, f * 0.1)
              : noise(random, 64 + 3 * f, 48 + f);
      double[] full = FrameMath.dct2(FrameMath.greySquare(frame, n), n);
      double[] low = FrameMath.thumbnailDct(frame);
      for (int v = 0; v < n; v++) {
        for (int u = 0; u < n; u++) {
          double expected = v < k && u < k ? full[v * n + u] : 0;
          assertThat(low[v * n + u]).as("frame %d, (%d, %d)", f, v, u).isEqualTo(expected);
        }
      }
      assertThat(full[(k - 1) * n + (k - 1)]).isNotZero();
    }
  }

  private static SampledFrame noise(Random random, int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    random.nextBytes(rgb);
    return new SampledFrame(0, w, h, rgb);
  }
}
