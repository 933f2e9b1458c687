package dev.tributary.curation.diversity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.video.DecodedFrames;
import dev.tributary.media.SampledFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How far the colour histogram on every second pixel of every second row moves the scene features
 * from the every-pixel histogram it replaced, per camera (8 frames at 128 px, as the pipeline
 * samples): on every real recording when the real-data folder is there, and the simulated rig's
 * videos with each camera fault. Reports the largest difference of any float and the cosine of the
 * two vectors and of their colour blocks; the vectors must stay within cosine 0.995 of each other.
 */
class SceneFeaturesSamplingTest {
  @TempDir Path dir;

  @Test
  void sampledColoursMoveTheFeaturesLittle() throws Exception {
    List<DecodedFrames.Camera> real = DecodedFrames.real(8, 128);
    List<DecodedFrames.Camera> cameras = new ArrayList<>(real);
    cameras.addAll(DecodedFrames.simulated(dir));
    double worstCosine = 1;
    for (DecodedFrames.Camera camera : cameras) {
      float[] sampled = SceneFeatures.of(camera.frames());
      float[] every = everyPixel(camera.frames(), sampled);
      double maxDiff = 0;
      for (int i = 0; i < SceneFeatures.LENGTH; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(sampled[i] - every[i]));
      }
      double cosine = SceneFeatures.similarity(sampled, every);
      double colourCosine = colourCosine(sampled, every);
      worstCosine = Math.min(worstCosine, cosine);
      System.out.printf(
          "%s: max |diff| %.5f, cosine %.6f, colour block cosine %.6f%n",
          camera.source(), maxDiff, cosine, colourCosine);
    }
    System.out.printf(
        "%d cameras (%d real), worst cosine %.6f%n", cameras.size(), real.size(), worstCosine);
    if (Files.isDirectory(DecodedFrames.realDataRoot())) { // absent in a bare clone: the rest runs
      assertThat(real).isNotEmpty();
    }
    assertThat(worstCosine).isGreaterThanOrEqualTo(0.995);
  }

  /**
   * The features with the colour block made from every pixel (the old histogram), the layout block
   * taken from {@code sampled} (the sampling does not touch it).
   */
  private static float[] everyPixel(List<SampledFrame> frames, float[] sampled) {
    double[] colour = new double[SceneFeatures.COLOUR_DIMS];
    for (SampledFrame f : frames) {
      byte[] rgb = f.rgb();
      for (int i = 0; i < rgb.length; i += 3) {
        colour[SceneFeatures.bin(rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff)]++;
      }
    }
    double colourNorm = 0;
    for (int i = 0; i < colour.length; i++) {
      colour[i] = Math.sqrt(colour[i]);
      colourNorm += colour[i] * colour[i];
    }
    colourNorm = Math.sqrt(colourNorm);
    double layoutNorm = 0;
    for (int i = 0; i < SceneFeatures.LAYOUT_DIMS; i++) {
      layoutNorm += (double) sampled[i] * sampled[i];
    }
    // the same weights as SceneFeatures.of: sqrt(1/2) each when both blocks are non-zero
    double colourWeight = layoutNorm > 0 ? Math.sqrt(0.5) : 1;
    float[] out = sampled.clone();
    for (int i = 0; i < SceneFeatures.COLOUR_DIMS; i++) {
      out[SceneFeatures.COLOUR_OFFSET + i] =
          colourNorm > 0 ? (float) (colour[i] / colourNorm * colourWeight) : 0f;
    }
    return out;
  }

  private static double colourCosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = SceneFeatures.COLOUR_OFFSET; i < SceneFeatures.LENGTH; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
