package dev.tributary.catalog.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.catalog.corpus.SyntheticCorpus;
import dev.tributary.catalog.corpus.SyntheticCorpus.Episode;
import dev.tributary.catalog.lerobot.LeRobotConformance;
import dev.tributary.catalog.testing.TestLake;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import dev.tributary.catalog.trainingset.TrainingSets;
import dev.tributary.media.ConstantRateVideoWriter;
import dev.tributary.media.H264Mp4Writer;
import dev.tributary.media.Mp4SegmentCutter;
import dev.tributary.media.VideoCodec;
import dev.tributary.media.YuvImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of the video sources the platform really holds, each checked by {@link
 * LeRobotConformance}: the simulated fleet's 15 fps camera under 30 fps joints, LeRobot v3.0
 * imports whose AV1 segments were stream-copied next to H.264 re-encodes, v2.1 imports with an
 * offset and a drifting clock, 50 fps with three cameras rolled over into several files. Videos are
 * 64x64 and 20-30 frames so the whole class runs in seconds.
 */
class LeRobotExportConformanceTest {
  private static final String BUCKET = "tributary-videos";
  private static final int SIDE = 64;

  @TempDir Path dir;
  TestLake lake;
  Path objects;

  @BeforeEach
  void openLake() {
    lake = TestLake.withCuratedTables(dir.resolve("data"));
    objects = dir.resolve("data/objects");
  }

  @AfterEach
  void closeLake() throws Exception {
    lake.close();
  }

  /** A source video: frames of rising grey at the given times (in ticks of 1/timescale). */
  interface VideoMaker {
    void make(Episode e, Path file) throws Exception;
  }

  private List<Episode> episodes(int n, int firstSeed) {
    List<Episode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Episode.accepted(i % 2 == 0 ? "aachen" : "bologna", "Pick the cube", firstSeed + i));
    }
    return out;
  }

  private TrainingSet lakeWith(
      List<Episode> episodes, float fps, List<String> cameras, List<VideoMaker> makers)
      throws Exception {
    for (int i = 0; i < episodes.size(); i++) {
      Episode e = episodes.get(i);
      for (int c = 0; c < cameras.size(); c++) {
        Path file = objects.resolve(BUCKET).resolve(key(e, cameras.get(c)));
        Files.createDirectories(file.getParent());
        makers.get(c).make(e, file);
      }
    }
    new SyntheticCorpus(lake.catalog())
        .append(
            episodes,
            (e, row) -> {
              row.setField("joint_rate_hz", fps);
              row.setField("camera_keys", cameras);
              row.setField("video_keys", cameras.stream().map(c -> key(e, c)).toList());
            });
    return new TrainingSets(lake.catalog(), lake.config().warehouse())
        .build(TrainingSetSpec.of("set", episodes.size()));
  }

  private static String key(Episode e, String camera) {
    return e.siteId() + "/" + e.episodeId() + "/" + camera + ".mp4";
  }

  private static YuvImage grey(int level) {
    YuvImage image = new YuvImage(SIDE, SIDE);
    image.fill(YuvImage.color(level, level, level));
    return image;
  }

  /** H.264 at {@code rate} fps, {@code frames} frames at indices {@code first + step * k}. */
  private static VideoMaker h264(int rate, int first, int step, double framesPerSample) {
    return (e, file) -> {
      try (H264Mp4Writer w = new H264Mp4Writer(file, SIDE, SIDE, rate)) {
        int frames = (int) Math.round(e.samples() * framesPerSample);
        for (int k = 0; k < frames; k++) {
          w.write(grey(20 + (7 * k) % 200), first + (long) step * k);
        }
        w.finish();
      }
    };
  }

  /**
   * What the importer stores for a LeRobot v3.0 AV1 episode: the episode's span cut by packet copy
   * out of a concatenated AV1 camera file.
   */
  private VideoMaker importedV3Av1(int fps) {
    return (e, file) -> {
      Path source = dir.resolve("v3-" + e.episodeId() + ".mp4");
      int before = 6; // another episode before it in the LeRobot file
      try (ConstantRateVideoWriter w =
          new ConstantRateVideoWriter(source, VideoCodec.AV1, SIDE, SIDE, fps, 1)) {
        for (int k = 0; k < before + e.samples(); k++) {
          w.write(grey(20 + (5 * k) % 200));
        }
        w.finish();
      }
      Mp4SegmentCutter.Segment s =
          Mp4SegmentCutter.cut(
              source, before / (double) fps, (before + e.samples()) / (double) fps, fps, file);
      assertThat(s.codec()).isEqualTo("av1");
      assertThat(s.frames()).isEqualTo(e.samples());
    };
  }

  private ExportReport export(TrainingSet set, Path target, ExportOptions options) {
    return new LeRobotExporter(lake.catalog(), VideoSource.localObjects(objects, BUCKET), options)
        .export(set, target, ExportProgress.none());
  }

  private static JsonNode info(Path target) throws Exception {
    return new ObjectMapper().readTree(target.resolve("meta/info.json").toFile());
  }

  @Test
  void theSimulatedFleets15FpsCameraIsReencodedToAv1OnThe30FpsGrid() throws Exception {
    TrainingSet set = lakeWith(episodes(3, 0), 30f, List.of("front"), List.of(h264(15, 0, 1, 0.5)));
    Path target = dir.resolve("sim");

    ExportReport report = export(set, target, ExportOptions.defaults());

    LeRobotConformance.assertConforms(target);
    JsonNode feature = info(target).path("features").path("observation.images.front");
    assertThat(feature.path("info").path("video.codec").asText()).isEqualTo("av1");
    assertThat(feature.path("info").path("video.fps").asInt()).isEqualTo(30);
    assertThat(report.notes()).anyMatch(n -> n.contains("re-encoded 3 episodes to av1"));
  }

  @Test
  void importedV3EpisodesMixingAv1CopiesAndH264ReencodesExportAsOneAv1StreamPerCamera()
      throws Exception {
    List<Episode> eps = episodes(4, 10);
    VideoMaker mixed =
        (e, file) -> {
          if (eps.indexOf(e) < 2) {
            importedV3Av1(30).make(e, file);
          } else {
            h264(30, 0, 1, 1).make(e, file);
          }
        };
    TrainingSet set =
        lakeWith(eps, 30f, List.of("top", "wrist"), List.of(mixed, importedV3Av1(30)));
    Path target = dir.resolve("v3");

    ExportReport report = export(set, target, ExportOptions.defaults());

    LeRobotConformance.assertConforms(target);
    // the two AV1 imports are copied, the two H.264 ones re-encoded: files split where the
    // copies' codec configuration (the importer's encoder) meets the re-encodes' (SVT-AV1 here)
    assertThat(report.notes())
        .anyMatch(n -> n.startsWith("observation.images.top: re-encoded 2 of 4 episodes to av1"))
        .anyMatch(n -> n.endsWith("copied the other 2"))
        .noneMatch(n -> n.startsWith("observation.images.wrist"));
  }

  @Test
  void importedV21H264WithAnOffsetAndADriftingClockIsRetimedOntoTheGrid() throws Exception {
    // 149 ticks per second, a frame every 5 ticks from tick 1: first frame at 6.7 ms, 29.8 fps
    TrainingSet set = lakeWith(episodes(3, 20), 30f, List.of("front"), List.of(h264(149, 1, 5, 1)));
    Path target = dir.resolve("v21");

    ExportReport report =
        export(set, target, ExportOptions.defaults().withVideoCodec(VideoCodec.H264));

    LeRobotConformance.assertConforms(target);
    assertThat(info(target).at("/features/observation.images.front/info/video.codec").asText())
        .isEqualTo("h264");
    assertThat(report.notes()).anyMatch(n -> n.contains("re-encoded 3 episodes to h264"));
  }

  @Test
  void fiftyFpsWithThreeCamerasRollsDataAndVideoOverIntoSeveralFiles() throws Exception {
    VideoMaker at50 = h264(50, 0, 1, 1);
    TrainingSet set =
        lakeWith(episodes(6, 30), 50f, List.of("front", "top", "wrist"), List.of(at50, at50, at50));
    Path target = dir.resolve("fifty");

    ExportReport report =
        export(
            set,
            target,
            ExportOptions.defaults().withVideoCodec(VideoCodec.H264).withFileSizes(0.004, 0.003));

    LeRobotConformance.assertConforms(target);
    assertThat(report.notes()).isEmpty(); // on the grid already: copied
    assertThat(info(target).path("fps").asInt()).isEqualTo(50);
    assertThat(files(target.resolve("data"))).hasSizeGreaterThan(1);
    List<Path> videos = files(target.resolve("videos/observation.images.wrist"));
    assertThat(videos)
        .as("video files %s", videos.stream().map(p -> p.toFile().length()).toList())
        .hasSizeGreaterThan(1);
  }

  /** AV1 at {@code fps}, one frame per sample, as an earlier export (same encoder) holds it. */
  private static VideoMaker av1OnTheGrid(int fps) {
    return (e, file) -> {
      try (ConstantRateVideoWriter w =
          new ConstantRateVideoWriter(file, VideoCodec.AV1, SIDE, SIDE, fps, 1)) {
        for (int k = 0; k < e.samples(); k++) {
          w.write(grey(30 + (3 * k) % 200));
        }
        w.finish();
      }
    };
  }

  @Test
  void episodesAlreadyInTheOutputEncodingAreCopiedAndOnlyTheOthersReencoded() throws Exception {
    List<Episode> eps = episodes(5, 60);
    VideoMaker mostlyAv1 =
        (e, file) -> {
          if (eps.indexOf(e) == 2) {
            h264(15, 0, 1, 0.5).make(e, file); // the simulated fleet's camera: must be re-encoded
          } else {
            av1OnTheGrid(30).make(e, file);
          }
        };
    TrainingSet set = lakeWith(eps, 30f, List.of("front"), List.of(mostlyAv1));
    Path target = dir.resolve("partial");

    ExportReport report = export(set, target, ExportOptions.defaults());

    LeRobotConformance.assertConforms(target);
    assertThat(report.notes())
        .anyMatch(n -> n.startsWith("observation.images.front: re-encoded 1 of 5 episodes to av1"))
        .anyMatch(n -> n.endsWith("copied the other 4"));
    // the export's encoder writes the same AV1 configuration as the copies': one file
    assertThat(files(target.resolve("videos/observation.images.front"))).hasSize(1);
  }

  @Test
  void theCheckerCatchesRowsThatMissTheirVideoFrames() throws Exception {
    TrainingSet set = lakeWith(episodes(2, 40), 30f, List.of("front"), List.of(h264(30, 0, 1, 1)));
    Path target = dir.resolve("tampered");
    export(set, target, ExportOptions.defaults().withVideoCodec(VideoCodec.H264));
    LeRobotConformance.assertConforms(target);

    ObjectNode info = (ObjectNode) info(target);
    info.put("fps", 25); // rows now claim 25 fps against 30 fps video
    new ObjectMapper().writeValue(target.resolve("meta/info.json").toFile(), info);

    assertThat(LeRobotConformance.check(target))
        .anyMatch(v -> v.startsWith("rule 18/29"))
        .anyMatch(v -> v.startsWith("rule 28"));
  }

  @Test
  void imageStatisticsAreWrittenPerEpisodeAndForTheDatasetAndTheCheckerMissesNone()
      throws Exception {
    TrainingSet set = lakeWith(episodes(2, 50), 30f, List.of("front"), List.of(h264(30, 0, 1, 1)));
    Path target = dir.resolve("images");
    export(set, target, ExportOptions.defaults().withVideoCodec(VideoCodec.H264));
    LeRobotConformance.assertConforms(target);
    ObjectMapper json = new ObjectMapper();
    ObjectNode stats = (ObjectNode) json.readTree(target.resolve("meta/stats.json").toFile());
    JsonNode front = stats.path("observation.images.front");
    assertThat(front.path("mean").toString())
        .matches("\\[\\[\\[[0-9.E-]+]],\\[\\[[0-9.E-]+]],\\[\\[[0-9.E-]+]]]");
    assertThat(front.path("count").get(0).asLong()).isPositive();

    ((ObjectNode) front)
        .putArray("std")
        .add(0.1)
        .add(0.1)
        .add(0.1); // shape (3,) instead of (3,1,1)
    json.writeValue(target.resolve("meta/stats.json").toFile(), stats);

    assertThat(LeRobotConformance.check(target)).anyMatch(v -> v.startsWith("rule 31/32"));
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
