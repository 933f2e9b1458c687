package dev.tributary.curation.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.curation.video.DecodedFrames;
import dev.tributary.curation.video.FramePlanes;
import dev.tributary.curation.video.TestFrames;
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
 * The camera measures from the shared {@link FramePlanes} and the mean computed once are the
 * doubles of the code they replaced, bit for bit, on decoded frames: every real recording, when the
 * real-data folder is there (sampled at 128, 320, 640 and 24 px) and the simulated rig's videos
 * with each camera fault, plus synthetic extremes (noise, flat, tiny frames).
 */
class FrameMeasuresEquivalenceTest {
  @TempDir Path dir;

  @Test
  void theMeasuresAreTheOldDoublesOnDecodedFrames() throws Exception {
    List<DecodedFrames.Camera> cameras = new ArrayList<>(DecodedFrames.real(8, 128, 320, 640, 24));
    int real = cameras.size();
    cameras.addAll(DecodedFrames.simulated(dir));
    cameras.add(DecodedFrames.of("synthetic", synthetic()));
    CameraQualityChecker checker = new CameraQualityChecker(CameraThresholds.defaults());
    int frames = 0;
    for (DecodedFrames.Camera camera : cameras) {
      for (SampledFrame f : camera.frames()) {
        int[] luma = f.lumaPlane();
        assertThat(bits(FrameMeasures.std(luma, FrameMeasures.mean(luma))))
            .as(camera.source() + " t=" + f.timeSeconds())
            .isEqualTo(bits(oldStd(luma)));
        frames++;
      }
      // the camera's measures from the shared planes, against the frames' own luma planes
      Function<SampledFrame, FramePlanes> planes = FramePlanes.oncePerFrame();
      CameraMeasures shared = checker.measure(camera.sample(), f -> planes.apply(f).luma());
      assertThat(shared)
          .as(camera.source())
          .isEqualTo(checker.measure(camera.sample(), SampledFrame::lumaPlane));
    }
    System.out.printf("compared %d frames of %d cameras (%d real)%n", frames, cameras.size(), real);
    if (Files.isDirectory(DecodedFrames.realDataRoot())) { // absent in a bare clone: the rest runs
      assertThat(real)
          .as("real recordings found under %s", DecodedFrames.realDataRoot())
          .isPositive();
    }
  }

  private static List<SampledFrame> synthetic() {
    List<SampledFrame> out = new ArrayList<>();
    Random random = new Random(11);
    for (int[] size : new int[][] {{640, 480}, {128, 96}, {8, 8}, {9, 13}, {7, 40}}) {
      byte[] noise = new byte[size[0] * size[1] * 3];
      random.nextBytes(noise);
      out.add(new SampledFrame(0, size[0], size[1], noise));
      byte[] binary = new byte[size[0] * size[1] * 3];
      for (int i = 0; i < binary.length; i += 3) {
        byte v = random.nextBoolean() ? (byte) 255 : 0;
        binary[i] = v;
        binary[i + 1] = v;
        binary[i + 2] = v;
      }
      out.add(new SampledFrame(0, size[0], size[1], binary));
      out.add(new SampledFrame(0, size[0], size[1], new byte[size[0] * size[1] * 3]));
    }
    SampledFrame scene = TestFrames.scene(5, 0.3, 128, 96, 0);
    out.add(scene);
    out.add(TestFrames.blurred(scene, 3));
    out.add(TestFrames.darkened(scene));
    return out;
  }

  private static long bits(double d) {
    return Double.doubleToLongBits(d);
  }

  /** {@code FrameMeasures.std} as it was: the mean computed again inside. */
  private static double oldStd(int[] luma) {
    double m = FrameMeasures.mean(luma);
    double s = 0;
    for (int v : luma) {
      s += (v - m) * (v - m);
    }
    return luma.length == 0 ? 0 : Math.sqrt(s / luma.length);
  }
}
