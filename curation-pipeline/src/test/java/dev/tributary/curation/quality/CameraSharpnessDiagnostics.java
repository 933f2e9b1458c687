package dev.tributary.curation.quality;

import dev.tributary.curation.video.DecodedFrames;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.media.SampledFrame;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the camera measures behind the flags, to see what a change to a measure moves. Not a test:
 * run its main on the test classpath. {@code real}: every MP4 under the real-data folder sampled as
 * the pipeline does (8 frames, 128 px), with the flags that need no joints ({@code camera_dark},
 * {@code camera_blurry}, {@code video_dropped_frames}) and the frozen run ({@code camera_frozen}
 * also needs the arm to move, which these videos alone cannot say). {@code seeds}: the sharpness of
 * every camera of {@code CameraFlagRecallTest}'s episodes (the same seeds and shapes), split into
 * the blurred first cameras and all others, to place {@code blurMinSharpness} between them.
 */
public final class CameraSharpnessDiagnostics {
  private CameraSharpnessDiagnostics() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "real,seeds";
    if (what.contains("real")) {
      real();
    }
    if (what.contains("seeds")) {
      seeds();
    }
  }

  private static void real() throws Exception {
    CameraThresholds t = CameraThresholds.defaults();
    CameraQualityChecker checker = new CameraQualityChecker(t);
    for (DecodedFrames.Camera camera : DecodedFrames.real(8, 128)) {
      CameraMeasures m = checker.measure(camera.sample());
      List<String> flags = new ArrayList<>();
      boolean dark = m.sampledFrames() > 0 && m.meanLuma() < t.darkMaxMeanLuma();
      if (dark) {
        flags.add("camera_dark");
      }
      if (!dark && m.frozenFrames() >= 3 && m.frozenFraction() >= t.frozenMinFraction()) {
        flags.add("camera_frozen(if the arm moved)");
      }
      if (!Double.isNaN(m.sharpness()) && m.sharpness() < t.blurMinSharpness()) {
        flags.add("camera_blurry");
      }
      if (m.droppedRatio() > t.maxDroppedFrameRatio()) {
        flags.add("video_dropped_frames");
      }
      SampledFrame first = camera.frames().isEmpty() ? null : camera.frames().get(0);
      System.out.printf(
          "real %s %s: mean luma %.2f, sharpness %.4f, frozen run %d/%d, dropped %d, flags %s%n",
          camera.source().replaceAll(".*/real/", ""),
          first == null ? "-" : first.width() + "x" + first.height(),
          m.meanLuma(),
          m.sharpness(),
          m.frozenFrames(),
          m.sampledFrames(),
          m.droppedFrames(),
          flags);
    }
  }

  /** CameraFlagRecallTest's episodes: faults, counts and seed bases as there. */
  private static void seeds() throws Exception {
    Path dir = Files.createTempDirectory("camera-sharpness");
    CameraQualityChecker checker = new CameraQualityChecker(CameraThresholds.defaults());
    String[] faults = {"frozen", "dark", "blur", "drop=0.05", "", "idle"};
    int[] counts = {40, 40, 40, 40, 60, 20};
    long[] seedBases = {1000, 2000, 3000, 4000, 5000, 6000};
    List<Double> blurred = new ArrayList<>();
    List<Double> others = new ArrayList<>();
    SimulatedVideos sim = new SimulatedVideos(dir);
    for (int k = 0; k < faults.length; k++) {
      List<Double> faultOthers = new ArrayList<>();
      for (int i = 0; i < counts[k]; i++) {
        SimulatedVideos.Recorded r =
            sim.record(
                "site-" + (i % 20),
                seedBases[k] + i,
                SimFaults.parse(faults[k]),
                5 + i % 3,
                i % 3 == 0 ? 2 : 1,
                160,
                120,
                15);
        EpisodeVideos videos =
            new VideoSampler(SimulatedVideos.sourceOf(List.of(r)), 8, 128).sample(r.episode());
        for (var camera : videos.cameras()) {
          double s = checker.measure(camera).sharpness();
          boolean blur =
              faults[k].equals("blur") && camera.cameraKey().equals("observation.images.top");
          (blur ? blurred : faultOthers).add(s);
        }
      }
      others.addAll(faultOthers);
      System.out.printf("'%s' cameras not blurred: %s%n", faults[k], range(faultOthers));
    }
    System.out.printf("blurred first cameras: %s%n", range(blurred));
    System.out.printf("all other cameras: %s%n", range(others));
  }

  private static String range(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    long nan = Arrays.stream(v).filter(Double::isNaN).count();
    double[] finite = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    if (finite.length == 0) {
      return "none (" + nan + " NaN)";
    }
    return String.format(
        "n=%d (NaN %d) min %.4f p05 %.4f median %.4f p95 %.4f max %.4f",
        finite.length,
        nan,
        finite[0],
        finite[(int) (0.05 * (finite.length - 1))],
        finite[(finite.length - 1) / 2],
        finite[(int) (0.95 * (finite.length - 1))],
        finite[finite.length - 1]);
  }
}
