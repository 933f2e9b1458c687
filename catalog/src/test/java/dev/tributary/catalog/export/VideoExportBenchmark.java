package dev.tributary.catalog.export;

import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import dev.tributary.catalog.trainingset.TrainingSets;
import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Export throughput with re-encoding (not run by the build): {@code episodes} episodes of {@code
 * samples} joint samples at 30 Hz, each with one camera recorded as the simulated fleet does (H.264
 * at 15 fps, {@code width x height}, a moving disc), exported with videos re-timed to 30 fps and
 * re-encoded to {@code codec} (av1 or h264). With {@code mostMatch} = {@code true}, four of every
 * five episodes (all but every fifth) are instead already in {@code codec} at 30 fps, one frame per
 * sample (written by {@link ConstantRateVideoWriter}, as an earlier export or a LeRobot import
 * would hold them): the set where copying what matches pays. Args: {@code episodes samples width
 * height codec [workDir [mostMatch]]}. See BENCHMARKS.md.
 */
public final class VideoExportBenchmark {
  private VideoExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int episodes = Integer.parseInt(args[0]);
    int samples = Integer.parseInt(args[1]);
    int width = Integer.parseInt(args[2]);
    int height = Integer.parseInt(args[3]);
    VideoCodec codec = VideoCodec.parse(args[4]);
    Path work =
        Files.createTempDirectory(
            args.length > 5 ? Path.of(args[5]) : Path.of("target"), "video-export-bench");
    Path objects = work.resolve("objects");
    boolean mostMatch = args.length > 6 && Boolean.parseBoolean(args[6]);
    try (TestLake lake = TestLake.withCuratedTables(work.resolve("data"))) {
      List<Episode> batch = new ArrayList<>();
      for (int i = 0; i < episodes; i++) {
        Episode e = Episode.accepted("site-" + (i % 5), "task", i);
        e =
            new Episode(
                e.episodeId(),
                e.siteId(),
                e.task(),
                e.status(),
                e.reasons(),
                null,
                null,
                0.9,
                samples,
                e.startedAt(),
                i);
        batch.add(e);
        Path mp4 = objects.resolve("b").resolve(e.episodeId() + ".mp4");
        Files.createDirectories(mp4.getParent());
        if (mostMatch && i % 5 != 0) {
          try (ConstantRateVideoWriter w =
              new ConstantRateVideoWriter(mp4, codec, width, height, 30, 2)) {
            YuvImage image = new YuvImage(width, height);
            for (int k = 0; k < samples; k++) {
              scene(image, i, k / 2, width, height);
              w.write(image);
            }
            w.finish();
          }
        } else {
          try (H264Mp4Writer w = new H264Mp4Writer(mp4, width, height, 15)) {
            YuvImage image = new YuvImage(width, height);
            for (int k = 0; k < samples / 2; k++) {
              scene(image, i, k, width, height);
              w.write(image);
            }
            w.finish();
          }
        }
      }
      new SyntheticCorpus(lake.catalog())
          .append(
              batch,
              (e, row) -> {
                row.setField("camera_keys", List.of("front"));
                row.setField("video_keys", List.of(e.episodeId() + ".mp4"));
              });
      TrainingSet set =
          new TrainingSets(lake.catalog(), lake.config().warehouse())
              .build(
                  new TrainingSetSpec(
                      "bench", null, null, null, null, null, null, null, null, episodes, episodes));
      System.out.printf(
          Locale.ROOT,
          "%d of %d episodes already %s at 30 fps%n",
          mostMatch ? episodes - (episodes + 4) / 5 : 0,
          episodes,
          codec.codecName());
      for (int run = 1; run <= 2; run++) {
        long t0 = System.nanoTime();
        ExportReport report =
            new LeRobotExporter(
                    lake.catalog(),
                    VideoSource.localObjects(objects, "b"),
                    ExportOptions.defaults().withVideoCodec(codec))
                .export(set, work.resolve("export-" + run), ExportProgress.none());
        double s = (System.nanoTime() - t0) / 1e9;
        report.notes().forEach(n -> System.out.println("  " + n));
        System.out.printf(
            Locale.ROOT,
            "run %d: %d episodes, %d frames, %dx%d %s: %.2f s = %.2f episodes/s, %.0f video frames/s,"
                + " %.1f MB%n",
            run,
            report.episodes(),
            report.frames(),
            width,
            height,
            codec.codecName(),
            s,
            report.episodes() / s,
            report.frames() / s,
            report.bytes() / 1e6);
      }
    }
  }

  /**
   * The synthetic camera: a flat background per episode and a disc moving along frame {@code k}.
   */
  private static void scene(YuvImage image, int episode, int k, int width, int height) {
    image.fill(YuvImage.color(40, 60 + episode % 100, 90));
    image.fillCircle((k * 7) % width, height / 2.0, height / 6.0, YuvImage.color(220, 40, 40));
  }
}
