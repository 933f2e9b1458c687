package dev.tributary.curation.video;

import dev.tributary.media.FrameSampler;
import dev.tributary.media.SampledFrame;
import dev.tributary.media.SampledVideo;
import dev.tributary.media.TimedSamples;
import dev.tributary.media.VideoTimestamps;
import dev.tributary.recorder.sim.SimFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Frames decoded from real videos, the way the pipeline samples them, for tests that compare a
 * per-pixel computation with the code it replaces: the real recordings under the real-data folder
 * ({@code -Dtributary.realData}, {@code TRIBUTARY_REAL_DATA}, else {@code ../../shared/data}) and
 * the simulated rig's MP4s with each camera fault.
 */
public final class DecodedFrames {
  private DecodedFrames() {}

  /** One camera's sample (as the pipeline's sampler builds it) and where it came from. */
  public record Camera(String source, CameraSample sample) {
    public List<SampledFrame> frames() {
      return sample.video().frames();
    }
  }

  /** A camera of synthetic frames, 1 s apart. */
  public static Camera of(String source, List<SampledFrame> frames) {
    double[] times = new double[frames.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = i;
    }
    return new Camera(
        source,
        new CameraSample(
            "synthetic", new SampledVideo("none", 0, 0, times.length, frames), times, 1, 0));
  }

  private static Camera decoded(String source, Path video, int frames, int width) throws Exception {
    TimedSamples read = FrameSampler.sampleWithTimes(video, frames, width);
    VideoTimestamps times = read.timestamps();
    return new Camera(
        source,
        new CameraSample(
            "cam",
            read.sampled(),
            times.presentationSeconds(),
            times.frameRate(),
            times.frameCount()));
  }

  /** The real-data folder ({@code ../../shared/data} from the module unless configured). */
  public static Path realDataRoot() {
    String configured = System.getProperty("tributary.realData");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("TRIBUTARY_REAL_DATA");
    }
    return Path.of(configured == null || configured.isBlank() ? "../../shared/data" : configured);
  }

  /**
   * Every MP4 under the real-data folder, sampled with {@code frames} frames at each of {@code
   * widths}; empty when the folder is missing.
   */
  public static List<Camera> real(int frames, int... widths) throws Exception {
    Path root = realDataRoot();
    List<Camera> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    List<Path> videos;
    try (Stream<Path> walk = Files.walk(root)) {
      videos = walk.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
    for (Path video : videos) {
      for (int width : widths) {
        out.add(decoded(video + " @" + width, video, frames, width));
      }
    }
    return out;
  }

  /**
   * The simulated rig's videos (2 cameras, 160 x 120, 15 fps, 4 s) without a fault and with each
   * camera fault, sampled like the pipeline (8 frames, 128 px).
   */
  public static List<Camera> simulated(Path dir) throws Exception {
    SimulatedVideos sim = new SimulatedVideos(dir);
    List<Camera> out = new ArrayList<>();
    long seed = 910;
    for (String fault : List.of("", "frozen", "dark", "blur", "drop=0.2")) {
      SimulatedVideos.Recorded r =
          sim.record("site-" + seed, seed++, SimFaults.parse(fault), 4, 2, 160, 120, 15);
      for (var e : r.files().entrySet()) {
        out.add(decoded("sim " + fault + " " + e.getKey(), e.getValue(), 8, 128));
      }
    }
    return out;
  }
}
