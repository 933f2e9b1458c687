package dev.tributary.curation.bench;

import dev.tributary.curation.diversity.SceneFeatures;
import dev.tributary.curation.quality.CameraQualityChecker;
import dev.tributary.curation.quality.CameraThresholds;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.FrameHashes;
import dev.tributary.curation.video.FrameMath;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.media.FrameSampler;
import dev.tributary.media.SampledFrame;
import dev.tributary.media.VideoTimestamps;
import dev.tributary.recorder.sim.SimFaults;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Thread CPU per camera-episode of the video part of curation, without Kafka, S3 or Iceberg: the
 * pipeline benchmark's videos (8 s, one 320x240 15 fps H.264 camera with a keyframe every 2 s, 20
 * sites) read from local files by {@link VideoSampler} (packet times + 8 sampled frames at 128 px),
 * then the camera checks, the frame hashes and the scene features, each stage timed on its own.
 * Rounds after the first are warm (JIT).
 *
 * <p>Run: {@code BENCH_MAIN=dev.tributary.curation.bench.VideoSamplingBenchmark
 * load-tests/bin/pipeline-bench.sh [episodes=100] [rounds=5]}.
 */
public final class VideoSamplingBenchmark {
  private VideoSamplingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("video-bench");
    SimulatedVideos sim = new SimulatedVideos(dir);
    List<SimulatedVideos.Recorded> recorded = new ArrayList<>();
    for (int i = 0; i < episodes; i++) {
      recorded.add(sim.record("site-" + (i % 20), i, SimFaults.none(), 8, 1, 320, 240, 15));
    }
    VideoSampler sampler = new VideoSampler(SimulatedVideos.sourceOf(recorded), 8, 128);
    CameraQualityChecker checker = new CameraQualityChecker(CameraThresholds.defaults());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long checksum = 0;
    for (int round = 1; round <= rounds; round++) {
      long[] stage = new long[4];
      long[] perEpisode = new long[episodes];
      for (int i = 0; i < episodes; i++) {
        SimulatedVideos.Recorded r = recorded.get(i);
        long t0 = mx.getCurrentThreadCpuTime();
        EpisodeVideos videos = sampler.sample(r.episode());
        long t1 = mx.getCurrentThreadCpuTime();
        List<String> flags = checker.check(r.episode(), videos);
        long t2 = mx.getCurrentThreadCpuTime();
        // as EpisodeQualityChecker does: one thumbnail DCT per frame for hashes and scene features
        Function<SampledFrame, double[]> dct = FrameMath.thumbnailDctOncePerFrame();
        FrameHashes hashes = FrameHashes.of(videos.cameras(), dct);
        long t3 = mx.getCurrentThreadCpuTime();
        float[] scene = SceneFeatures.of(videos.allFrames(), dct);
        long t4 = mx.getCurrentThreadCpuTime();
        stage[0] += t1 - t0;
        stage[1] += t2 - t1;
        stage[2] += t3 - t2;
        stage[3] += t4 - t3;
        perEpisode[i] = t4 - t0;
        checksum += flags.size() + hashes.hashCode() + Float.floatToIntBits(scene[0]);
      }
      long times = 0;
      long decode = 0;
      for (SimulatedVideos.Recorded r : recorded) {
        for (Path file : r.files().values()) {
          long t0 = mx.getCurrentThreadCpuTime();
          checksum += VideoTimestamps.read(file).frameCount();
          long t1 = mx.getCurrentThreadCpuTime();
          checksum += FrameSampler.sample(file, 8, 128).frames().size();
          long t2 = mx.getCurrentThreadCpuTime();
          times += t1 - t0;
          decode += t2 - t1;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: alone, us per video: packet times %.0f, FrameSampler.sample %.0f%n",
          round,
          times / 1e3 / episodes,
          decode / 1e3 / episodes);
      Arrays.sort(perEpisode);
      double total = Arrays.stream(stage).sum() / 1e3 / episodes;
      System.out.printf(
          Locale.ROOT,
          "round %d: us per camera-episode: sample (packet times + decode + scale) %.0f, camera"
              + " checks %.0f, frame hashes %.0f, scene features %.0f; total %.0f (median %.0f)"
              + " = %.0f camera-episodes per CPU-second%n",
          round,
          stage[0] / 1e3 / episodes,
          stage[1] / 1e3 / episodes,
          stage[2] / 1e3 / episodes,
          stage[3] / 1e3 / episodes,
          total,
          perEpisode[episodes / 2] / 1e3,
          1e6 / total);
    }
    System.out.println("checksum " + checksum);
  }
}
