package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.diversity.SceneFeatures;
import dev.tributary.media.SampledFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass planes are the frame's own luma plane and grey thumbnail, bit for bit, and the frame
 * hashes and scene features made from them are the ones made from the frames directly: on every
 * real recording when the real-data folder is there (sampled at 128, 320, 640 and 24 px: the last
 * has fewer rows than the thumbnail) and the simulated rig's videos with each camera fault, and on
 * synthetic frames of odd sizes.
 */
class FramePlanesTest {
  @TempDir Path dir;

  @Test
  void planesHashesAndSceneFeaturesAreTheOnesOfTheFrames() throws Exception {
    List<DecodedFrames.Camera> cameras = new ArrayList<>(DecodedFrames.real(8, 128, 320, 640, 24));
    int real = cameras.size();
    cameras.addAll(DecodedFrames.simulated(dir));
    cameras.add(DecodedFrames.of("synthetic", synthetic()));
    int frames = 0;
    int onePass = 0;
    for (DecodedFrames.Camera camera : cameras) {
      for (SampledFrame f : camera.frames()) {
        String where = camera.source() + " t=" + f.timeSeconds();
        FramePlanes planes = FramePlanes.of(f);
        assertThat(planes.luma()).as(where).isEqualTo(f.lumaPlane());
        double[] grey = FrameMath.greySquare(f, FrameMath.THUMBNAIL);
        assertThat(bits(planes.thumbnail())).as(where).isEqualTo(bits(grey));
        frames++;
        onePass += f.width() >= FrameMath.THUMBNAIL && f.height() >= FrameMath.THUMBNAIL ? 1 : 0;
      }
      List<CameraSample> samples = List.of(camera.sample());
      Function<SampledFrame, double[]> shared =
          FrameMath.thumbnailDctOncePerFrame(FramePlanes.oncePerFrame());
      FrameHashes hashes = FrameHashes.of(samples, shared);
      assertThat(hashes).as(camera.source()).isEqualTo(FrameHashes.of(samples));
      assertThat(hashes.toString()).isEqualTo(FrameHashes.of(samples).toString());
      if (!camera.frames().isEmpty()) {
        assertThat(SceneFeatures.of(camera.frames(), shared))
            .as(camera.source())
            .isEqualTo(SceneFeatures.of(camera.frames()));
      }
    }
    System.out.printf(
        "compared %d frames (%d in one pass) of %d cameras (%d real)%n",
        frames, onePass, cameras.size(), real);
    if (Files.isDirectory(DecodedFrames.realDataRoot())) { // absent in a bare clone: the rest runs
      assertThat(real)
          .as("real recordings found under %s", DecodedFrames.realDataRoot())
          .isPositive();
    }
    assertThat(onePass).isGreaterThan(frames / 2).isLessThan(frames);
  }

  private static List<SampledFrame> synthetic() {
    List<SampledFrame> out = new ArrayList<>();
    Random random = new Random(17);
    int[][] sizes = {{640, 480}, {128, 96}, {33, 32}, {32, 33}, {127, 95}, {100, 37}, {31, 40}};
    for (int[] size : sizes) {
      byte[] noise = new byte[size[0] * size[1] * 3];
      random.nextBytes(noise);
      out.add(new SampledFrame(0, size[0], size[1], noise));
    }
    out.add(TestFrames.scene(3, 0.6, 128, 96, 0));
    return out;
  }

  private static long[] bits(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.doubleToRawLongBits(values[i]);
    }
    return out;
  }
}
