package dev.tributary.curation.quality;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.assembly.JointMatrix;
import dev.tributary.curation.video.CameraSample;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.media.SampledFrame;
import dev.tributary.schema.JointSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Camera flags from an episode's sampled videos, without ML: {@code camera_frozen}, {@code
 * camera_dark}, {@code camera_blurry}, {@code video_dropped_frames}, {@code
 * video_frame_count_differs} (the stream has another frame count than the recorder declared) and
 * {@code video_unreadable} (the video could not be fetched or decoded), each suffixed with {@code
 * :<camera key>}. Pure computation on the samples; the download and decoding happen in {@link
 * dev.tributary.curation.video.VideoSampler}.
 */
public final class CameraQualityChecker {
  private final CameraThresholds t;

  public CameraQualityChecker(CameraThresholds thresholds) {
    this.t = thresholds;
  }

  /** Flags of every camera, in the manifest's camera order, unreadable cameras last. */
  public List<String> check(AssembledEpisode episode, EpisodeVideos videos) {
    return check(episode, videos, SampledFrame::lumaPlane);
  }

  /**
   * {@link #check(AssembledEpisode, EpisodeVideos)} with each frame's luma plane from {@code luma}
   * (the episode's {@link dev.tributary.curation.video.FramePlanes}, which share the pass over the
   * pixels with the frame hashes and scene features).
   */
  public List<String> check(
      AssembledEpisode episode, EpisodeVideos videos, Function<SampledFrame, int[]> luma) {
    List<String> flags = new ArrayList<>();
    JointMotion motion = JointMotion.of(episode);
    for (CameraSample camera : videos.cameras()) {
      flags.addAll(flags(camera, measure(camera, luma), motion));
    }
    for (Map.Entry<String, String> e : videos.unreadable().entrySet()) {
      flags.add("video_unreadable:" + e.getKey());
    }
    return flags;
  }

  /** The camera's statistics (no thresholds applied except the drop gap factor). */
  public CameraMeasures measure(CameraSample camera) {
    return measure(camera, SampledFrame::lumaPlane);
  }

  /** {@link #measure(CameraSample)} with each frame's luma plane from {@code lumaOf}. */
  CameraMeasures measure(CameraSample camera, Function<SampledFrame, int[]> lumaOf) {
    List<SampledFrame> frames = camera.video().frames();
    double[] means = new double[frames.size()];
    List<Double> sharpness = new ArrayList<>();
    int[][] lumas = new int[frames.size()][];
    for (int i = 0; i < frames.size(); i++) {
      SampledFrame f = frames.get(i);
      int[] luma = lumaOf.apply(f);
      lumas[i] = luma;
      means[i] = FrameMeasures.mean(luma);
      if (FrameMeasures.std(luma, means[i]) >= t.blurMinLumaStd()) {
        double s = FrameMeasures.halvedSharpness(luma, f.width(), f.height());
        if (!Double.isNaN(s)) {
          sharpness.add(s);
        }
      }
    }
    int bestRun = frames.isEmpty() ? 0 : 1;
    int bestFrom = 0;
    int run = 1;
    for (int i = 1; i < frames.size(); i++) {
      double changed =
          FrameMeasures.changedShare(
              frames.get(i - 1), lumas[i - 1], frames.get(i), lumas[i], t.frozenPixelDelta());
      run = changed <= t.frozenMaxChangedShare() ? run + 1 : 1;
      if (run > bestRun) {
        bestRun = run;
        bestFrom = i - run + 1;
      }
    }
    double from = frames.isEmpty() ? 0 : frames.get(bestFrom).timeSeconds();
    double to = frames.isEmpty() ? 0 : frames.get(bestFrom + bestRun - 1).timeSeconds();
    return new CameraMeasures(
        median(means),
        median(sharpness.stream().mapToDouble(Double::doubleValue).toArray()),
        bestRun,
        frames.size(),
        from,
        to,
        camera.frameCount(),
        droppedFrames(camera.frameTimes(), camera.nominalFps()));
  }

  private List<String> flags(CameraSample camera, CameraMeasures m, JointMotion motion) {
    List<String> out = new ArrayList<>();
    String key = camera.cameraKey();
    boolean dark = m.sampledFrames() > 0 && m.meanLuma() < t.darkMaxMeanLuma();
    // In the dark nothing changes by more than a few grey levels: frozen cannot be told, dark says
    // it.
    if (!dark
        && m.frozenFrames() >= 3
        && m.frozenFraction() >= t.frozenMinFraction()
        && motion.rangeDeg(m.frozenFromSeconds(), m.frozenToSeconds())
            >= t.frozenMinJointMotionDeg()) {
      out.add("camera_frozen:" + key);
    }
    if (dark) {
      out.add("camera_dark:" + key);
    }
    if (!Double.isNaN(m.sharpness()) && m.sharpness() < t.blurMinSharpness()) {
      out.add("camera_blurry:" + key);
    }
    if (m.droppedRatio() > t.maxDroppedFrameRatio()) {
      out.add("video_dropped_frames:" + key);
    }
    if (camera.declaredFrameCount() > 0 && camera.declaredFrameCount() != m.frameCount()) {
      out.add("video_frame_count_differs:" + key);
    }
    return out;
  }

  /** Frames missing between consecutive frame times, against the nominal (else median) period. */
  int droppedFrames(double[] times, double nominalFps) {
    if (times.length < 2) {
      return 0;
    }
    double period = nominalFps > 0 ? 1 / nominalFps : medianInterval(times);
    if (period <= 0) {
      return 0;
    }
    long dropped = 0;
    for (int i = 1; i < times.length; i++) {
      double dt = times[i] - times[i - 1];
      if (dt > t.dropGapFactor() * period) {
        dropped += Math.round(dt / period) - 1;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, dropped);
  }

  private static double medianInterval(double[] times) {
    double[] dt = new double[times.length - 1];
    for (int i = 1; i < times.length; i++) {
      dt[i - 1] = times[i] - times[i - 1];
    }
    return median(dt);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The joint samples on the episode's timeline, to ask how much the arm moved in a window. */
  private record JointMotion(double[] seconds, double[][] degrees) {
    static JointMotion of(AssembledEpisode e) {
      JointMatrix x = e.joints();
      int n = x.samples();
      List<JointSpec> specs = e.manifest().getJoints();
      long[] mono = x.monoNanos();
      double[] seconds = new double[n];
      for (int i = 0; i < n; i++) {
        seconds[i] = (mono[i] - mono[0]) / 1e9;
      }
      double[][] deg = new double[specs.size()][n];
      for (int j = 0; j < specs.size() && j < x.state().length; j++) {
        double perDegree = UnitRange.perDegree(specs.get(j).getUnit());
        float[] column = x.state()[j];
        for (int i = 0; i < n; i++) {
          deg[j][i] = column[i] / perDegree;
        }
      }
      return new JointMotion(seconds, deg);
    }

    /** Largest max-min of any joint over samples in [from, to]; +inf without joint samples. */
    double rangeDeg(double from, double to) {
      if (seconds.length == 0 || degrees.length == 0) {
        return Double.POSITIVE_INFINITY;
      }
      double best = 0;
      for (double[] joint : degrees) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < seconds.length; i++) {
          if (seconds[i] >= from && seconds[i] <= to && Double.isFinite(joint[i])) {
            min = Math.min(min, joint[i]);
            max = Math.max(max, joint[i]);
          }
        }
        if (max >= min) {
          best = Math.max(best, max - min);
        }
      }
      return best;
    }
  }
}
