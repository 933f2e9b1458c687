package dev.tributary.curation.bench;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.diversity.SceneFeatures;
import dev.tributary.curation.quality.CameraQualityChecker;
import dev.tributary.curation.quality.CameraThresholds;
import dev.tributary.curation.video.EpisodeVideos;
import dev.tributary.curation.video.FrameHashes;
import dev.tributary.curation.video.FrameMath;
import dev.tributary.curation.video.LocalVideo;
import dev.tributary.curation.video.SimulatedVideos;
import dev.tributary.curation.video.VideoSampler;
import dev.tributary.media.FrameSampler;
import dev.tributary.media.SampledFrame;
import dev.tributary.media.TimedSamples;
import dev.tributary.media.VideoTimestamps;
import dev.tributary.recorder.sim.SimFaults;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Thread CPU per camera-episode of the video part of curation, without Kafka, S3 or Iceberg: the
 * pipeline benchmark's videos (8 s, one 320x240 15 fps H.264 camera with a keyframe every 2 s, 20
 * sites) read from local files by {@link VideoSampler} (packet times + 8 sampled frames at 128 px),
 * then the camera checks, the frame hashes and the scene features, each stage timed on its own.
 * Rounds after the first are warm (JIT).
 *
 * <p>With {@code --videos DIR} it reads every {@code .mp4} under DIR instead (e.g. a LeRobot
 * dataset's {@code videos/} folder: AV1 640x480 with a keyframe every 2 frames), each as the one
 * camera of an episode whose joints come from a simulated 8 s episode at the video's frame rate
 * (the camera checks need joints; their cost does not depend on them). It also reports which
 * decoder FFmpeg picked, its thread count, the frames decoded per sample and the process CPU next
 * to the thread CPU (decoder threads, GC and JIT are in the former only). Nothing is copied from
 * DIR.
 *
 * <p>Run: {@code BENCH_MAIN=dev.tributary.curation.bench.VideoSamplingBenchmark
 * load-tests/bin/pipeline-bench.sh [episodes=100] [rounds=5] [--videos DIR] [--decoder-threads N]}
 * (with {@code --videos}, episodes is ignored: one per file; decoder threads default to 1, the
 * pipeline's setting).
 */
public final class VideoSamplingBenchmark {
  private static final int SAMPLES = 8;
  private static final int WIDTH = 128;

  private VideoSamplingBenchmark() {}

  /** One camera-episode: the episode (joints, segment) and the file its camera reads. */
  private record Item(AssembledEpisode episode, Path file) {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Path videos = null;
    int threads = FrameSampler.DEFAULT_DECODER_THREADS;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--videos") && i + 1 < args.length) {
        videos = Path.of(args[++i]);
      } else if (args[i].equals("--decoder-threads") && i + 1 < args.length) {
        threads = Integer.parseInt(args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    int episodes = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100;
    int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
    Path dir = TempTree.create("video-bench");
    SimulatedVideos sim = new SimulatedVideos(dir);
    List<Item> items = new ArrayList<>();
    if (videos == null) {
      for (int i = 0; i < episodes; i++) {
        SimulatedVideos.Recorded r =
            sim.record("site-" + (i % 20), i, SimFaults.none(), 8, 1, 320, 240, 15);
        items.add(new Item(r.episode(), r.files().values().iterator().next()));
      }
    } else {
      items = realItems(videos, sim);
    }
    run(items, rounds, videos != null, threads);
  }

  /** Every mp4 under {@code root}, each with a simulated episode at its frame rate. */
  private static List<Item> realItems(Path root, SimulatedVideos sim) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      files = walk.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .mp4 under " + root);
    }
    Map<Integer, AssembledEpisode> carriers = new HashMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    List<Item> items = new ArrayList<>();
    for (Path f : files) {
      VideoTimestamps t = VideoTimestamps.read(f);
      int fps = (int) Math.max(1, Math.round(t.frameRate()));
      AssembledEpisode carrier =
          carriers.computeIfAbsent(
              fps,
              r -> {
                try {
                  return sim.record("site-real", r, SimFaults.none(), 8, 1, 160, 120, r).episode();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      items.add(new Item(carrier, f));
      kinds.merge(t.codec() + " " + fps + " fps", 1, Integer::sum);
      double seconds = t.frameCount() / Math.max(1.0, t.frameRate());
      kinds.merge("seconds x100", (int) Math.round(seconds * 100), Integer::sum);
    }
    System.out.printf(
        Locale.ROOT,
        "%d videos under %s: %s (mean %.1f s)%n",
        files.size(),
        root,
        kinds,
        kinds.get("seconds x100") / 100.0 / files.size());
    return items;
  }

  private static void run(List<Item> items, int rounds, boolean real, int threads)
      throws Exception {
    int n = items.size();
    Path[] current = new Path[1];
    VideoSampler sampler =
        new VideoSampler(segment -> LocalVideo.borrowed(current[0]), SAMPLES, WIDTH, threads);
    CameraQualityChecker checker = new CameraQualityChecker(CameraThresholds.defaults());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long checksum = 0;
    for (int round = 1; round <= rounds; round++) {
      long[] stage = new long[4];
      long[] perEpisode = new long[n];
      long process0 = os.getProcessCpuTime();
      for (int i = 0; i < n; i++) {
        Item item = items.get(i);
        current[0] = item.file();
        long t0 = mx.getCurrentThreadCpuTime();
        EpisodeVideos videos = sampler.sample(item.episode());
        long t1 = mx.getCurrentThreadCpuTime();
        List<String> flags = checker.check(item.episode(), videos);
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
      long process = os.getProcessCpuTime() - process0;
      long times = 0;
      long centres = 0;
      long read = 0;
      long decoded = 0;
      long samples = 0;
      Map<String, Integer> decoders = new TreeMap<>();
      for (Item item : items) {
        long t0 = mx.getCurrentThreadCpuTime();
        checksum += VideoTimestamps.read(item.file()).frameCount();
        long t1 = mx.getCurrentThreadCpuTime();
        checksum += FrameSampler.sample(item.file(), SAMPLES, WIDTH).frames().size();
        long t2 = mx.getCurrentThreadCpuTime();
        TimedSamples s = FrameSampler.sampleWithTimes(item.file(), SAMPLES, WIDTH, threads);
        long t3 = mx.getCurrentThreadCpuTime();
        times += t1 - t0;
        centres += t2 - t1;
        read += t3 - t2;
        decoded += s.decodedFrames();
        samples += s.sampled().frames().size();
        decoders.merge(
            s.sampled().codec() + ", " + s.decoderThreads() + " thread(s)", 1, Integer::sum);
      }
      System.out.printf(
          Locale.ROOT,
          "round %d: alone, us per video: packet times %.0f, FrameSampler.sample %.0f,"
              + " FrameSampler.sampleWithTimes %.0f"
              + " (decoder %s; %.2f decoded frames per sample; read CPU per decoded frame %.0f"
              + " us)%n",
          round,
          times / 1e3 / n,
          centres / 1e3 / n,
          read / 1e3 / n,
          decoders,
          (double) decoded / Math.max(1, samples),
          read / 1e3 / Math.max(1, decoded));
      Arrays.sort(perEpisode);
      double total = Arrays.stream(stage).sum() / 1e3 / n;
      System.out.printf(
          Locale.ROOT,
          "round %d: us per camera-episode: sample (packet times + decode + scale) %.0f, camera"
              + " checks %.0f, frame hashes %.0f, scene features %.0f; total %.0f (median %.0f)"
              + " = %.0f camera-episodes per CPU-second%s%n",
          round,
          stage[0] / 1e3 / n,
          stage[1] / 1e3 / n,
          stage[2] / 1e3 / n,
          stage[3] / 1e3 / n,
          total,
          perEpisode[n / 2] / 1e3,
          1e6 / total,
          real
              ? String.format(
                  Locale.ROOT,
                  "; process CPU %.0f us per camera-episode (%.0f per CPU-second)",
                  process / 1e3 / n,
                  1e9 * n / Math.max(1, process))
              : "");
    }
    System.out.println("checksum " + checksum);
  }
}
