package dev.tributary.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.catalog.export.ExportCommand;
import dev.tributary.catalog.export.ExportOptions;
import dev.tributary.catalog.export.ExportProgress;
import dev.tributary.catalog.export.ExportReport;
import dev.tributary.catalog.export.VideoSource;
import dev.tributary.catalog.lerobot.LeRobotConformance;
import dev.tributary.catalog.sql.SqlCommand;
import dev.tributary.catalog.trainingset.TrainingSet;
import dev.tributary.catalog.trainingset.TrainingSetSpec;
import dev.tributary.catalog.trainingset.TrainingSets;
import dev.tributary.media.VideoCodec;
import dev.tributary.recorder.cli.RecorderCli;
import dev.tributary.recorder.lerobot.ImportReport;
import dev.tributary.recorder.lerobot.LeRobotImporter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.recorder.spool.SpoolConfig;
import dev.tributary.schema.table.LakeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's "done means", end to end on the real embedded stack: LeRobot folders as participants
 * bring them (v3.0 with AV1, v2.1 with H.264, v2.1 at 50 fps with two AV1 cameras, all SO-101 takes
 * shaped like real ones, and the real published sample when the workspace has it) are imported with
 * the recorder's importer, uploaded through the gateway as the recorder's {@code upload} command
 * does, curated by the pipeline, and then: every episode is ACCEPTED without a joint flag, the
 * {@code frames} table holds the source's state and action bit for bit, and training sets over them
 * export to LeRobotDataset v3.0 folders that pass {@link LeRobotConformance} and still hold the
 * source's joints bit for bit.
 */
class RealDataEndToEndIT {
  private static final Logger LOG = LoggerFactory.getLogger(RealDataEndToEndIT.class);
  private static final String FRONT = "observation.images.front";
  private static final String WRIST = "observation.images.wrist";
  private static final Set<String> JOINT_CHECKS =
      Set.of("joint_saturation", "idle_stretch", "implausible_jump", "synthetic_timestamps");

  @TempDir Path dir;

  /** One LeRobot folder as a site brings it. */
  record Dataset(String site, Path folder, String source, int fps, List<String> cameras) {}

  /**
   * An uploaded episode and where it came from.
   *
   * @param videoMethods per camera, how the importer produced its video (copied, cut, re-encoded)
   */
  record Uploaded(
      Dataset dataset, long episodeIndex, SourceJoints joints, List<String> videoMethods) {}

  @Test
  void leRobotFoldersAreAcceptedKeptBitForBitAndExportToConformingDatasets() throws Exception {
    List<Dataset> datasets = new ArrayList<>();
    // v3.0: one AV1 file per camera with a keyframe every 2 frames; episode 1 starts on frame 210
    // (cut by stream copy), episode 2 on frame 391 (odd: the importer re-encodes it to H.264)
    datasets.add(
        generated(
            "lisbon", "v3-av1-30fps", true, VideoCodec.AV1, 30, List.of(FRONT), 1, 210, 181, 200));
    datasets.add(
        generated(
            "porto", "v21-h264-30fps", false, VideoCodec.H264, 30, List.of(FRONT), 2, 195, 226));
    datasets.add(
        generated(
            "aachen",
            "v21-av1-50fps",
            false,
            VideoCodec.AV1,
            50,
            List.of(FRONT, WRIST),
            3,
            300,
            331));
    Path sample = sharedData().resolve("lerobot-v3-so101-sample");
    boolean withSample = Files.isRegularFile(sample.resolve("meta/info.json"));
    if (withSample) {
      datasets.add(new Dataset("bologna", sample, "lerobot-v3", 30, List.of()));
    } else {
      LOG.info("real sample not found at {}: testing the generated folders only", sample);
    }

    Path data = dir.resolve("data");
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data))) {
      Map<String, Uploaded> uploaded = new LinkedHashMap<>();
      for (Dataset dataset : datasets) {
        uploaded.putAll(importAndUpload(platform, dataset));
      }

      assertThat(
              select(uploaded, u -> u.dataset().site().equals("lisbon")).values().stream()
                  .flatMap(u -> u.videoMethods().stream())
                  .toList())
          .as("the v3.0 AV1 episodes reach the platform partly stream-copied, partly as H.264")
          .anyMatch(m -> m.endsWith("cut (stream copy)"))
          .anyMatch(m -> m.endsWith("re-encoded to h264"));

      Map<String, Record> rows = awaitVerdicts(platform.lake(), uploaded.keySet());
      assertVerdicts(rows, uploaded);
      assertFramesBitIdentical(platform.lake(), uploaded);

      VideoSource videos =
          VideoSource.localObjects(platform.config().objectsDir(), "tributary-videos");
      Map<String, Uploaded> at30 =
          select(uploaded, u -> u.dataset().fps() == 30 && !u.dataset().cameras().isEmpty());
      exportAndCheck(
          platform.lake(),
          TrainingSetSpec.of("so101-30fps", 100).withFormat(30, List.of(FRONT)),
          at30,
          videos,
          ExportOptions.defaults(),
          "av1");
      exportAndCheck(
          platform.lake(),
          TrainingSetSpec.of("so101-50fps", 100).withFormat(50, null),
          select(uploaded, u -> u.dataset().fps() == 50),
          videos,
          ExportOptions.defaults().withVideoCodec(VideoCodec.H264),
          "h264");
      if (withSample) {
        exportAndCheck(
            platform.lake(),
            sitesOnly("real-sample", "bologna"),
            select(uploaded, u -> u.dataset().site().equals("bologna")),
            videos,
            ExportOptions.defaults(),
            null);
      }
    }
  }

  /**
   * Every real dataset in the workspace's shared data folder (SO-101, Dobot CR5, Unitree G1, Reachy
   * 2: other robots, joint counts, action layouts, name forms, AV1 at 10 and 30 fps, wall-clock
   * timestamps), imported with default options and uploaded like a participant would: each episode
   * lands curated (accepted, flags allowed: the CR5's real timing is irregular), with its frames
   * bit-identical to the source and the action's own names where it has them. Skipped where the
   * folder is absent (its files are not in this repository).
   */
  @Test
  void everyRealDatasetInTheSharedFolderLandsCurated() throws Exception {
    Path shared = sharedData();
    List<Path> folders = new ArrayList<>();
    if (Files.isDirectory(shared)) {
      try (var walk = Files.walk(shared, 3)) {
        walk.filter(p -> Files.isRegularFile(p.resolve("meta/info.json")))
            .sorted()
            .forEach(folders::add);
      }
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(
        folders.isEmpty(), "no real datasets at " + shared + " (skipped)");
    Path data = dir.resolve("data-real");
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.forTests(data))) {
      Map<String, Uploaded> uploaded = new LinkedHashMap<>();
      for (Path folder : folders) {
        var info =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("meta/info.json").toFile());
        String site =
            folder
                .getFileName()
                .toString()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "-");
        String source =
            info.path("codebase_version").asText().startsWith("v3") ? "lerobot-v3" : "lerobot-v2.1";
        uploaded.putAll(
            importAndUpload(
                platform, new Dataset(site, folder, source, info.path("fps").asInt(), List.of())));
      }
      Map<String, Record> rows = awaitVerdicts(platform.lake(), uploaded.keySet());
      Map<String, List<String>> reasonsBySite = new java.util.TreeMap<>();
      for (var entry : uploaded.entrySet()) {
        Record row = rows.get(entry.getKey());
        String what =
            entry.getValue().dataset().folder().getFileName()
                + " episode "
                + entry.getValue().episodeIndex();
        @SuppressWarnings("unchecked")
        List<String> reasons = (List<String>) row.getField("reasons");
        reasonsBySite
            .computeIfAbsent(entry.getValue().dataset().site(), k -> new ArrayList<>())
            .add(row.getField("status") + " " + reasons);
        assertThat(row.getField("status"))
            .as("%s: verdict, reasons %s", what, reasons)
            .isIn("ACCEPTED", "ACCEPTED_WITH_FLAGS");
        assertThat(row.getField("sample_count"))
            .as(what)
            .isEqualTo(entry.getValue().joints().frames());
        int actionWidth = entry.getValue().joints().action()[0].length;
        int stateWidth = entry.getValue().joints().state()[0].length;
        @SuppressWarnings("unchecked")
        List<String> actionNames = (List<String>) row.getField("action_names");
        if (actionWidth != stateWidth) {
          assertThat(actionNames).as("%s: the action's own names", what).hasSize(actionWidth);
        }
      }
      reasonsBySite.forEach((site, verdicts) -> LOG.info("real data {}: {}", site, verdicts));
      assertFramesBitIdentical(platform.lake(), uploaded);
    }
  }

  private Dataset generated(
      String site,
      String name,
      boolean v3,
      VideoCodec codec,
      int fps,
      List<String> cameras,
      long seed,
      int... lengths)
      throws Exception {
    Path folder =
        LeRobotFolderWriter.write(
            dir.resolve("datasets").resolve(name),
            new LeRobotFolderWriter.Spec(v3, codec, fps, cameras, lengths, seed));
    return new Dataset(site, folder, v3 ? "lerobot-v3" : "lerobot-v2.1", fps, cameras);
  }

  /**
   * The workspace's shared data folder: {@code -Dtributary.shared.data}, else {@code shared/data}
   * next to the project (three levels up from this module).
   */
  private static Path sharedData() {
    String configured = System.getProperty("tributary.shared.data");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path module = Path.of("").toAbsolutePath();
    for (String up : List.of("../../../shared/data", "../../shared/data")) {
      Path candidate = module.resolve(up).normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return module.resolve("../../../shared/data").normalize();
  }

  /**
   * What a participant does: import the folder into a spool, then {@code upload --code} (which
   * enrols the site with the organiser's code and uploads every episode until none is pending).
   */
  private Map<String, Uploaded> importAndUpload(EmbeddedPlatform platform, Dataset dataset)
      throws Exception {
    AdminClient admin = new AdminClient(platform.gatewayUrl(), platform.adminToken());
    admin.ensureSite(dataset.site(), dataset.site(), "PT");
    Path spoolDir = dir.resolve("spools").resolve(dataset.site());
    ImportReport report =
        new LeRobotImporter(dataset.site(), "so101-rig")
            .importInto(dataset.folder(), Spool.open(spoolDir, SpoolConfig.defaults()));
    Map<Long, SourceJoints> source = SourceJoints.read(dataset.folder());
    LOG.info(
        "imported {}: {} episodes, notes {}, videos {}",
        dataset.folder().getFileName(),
        report.imported().size(),
        report.notes(),
        report.imported().stream().map(ImportReport.Imported::videoMethods).toList());
    assertThat(report.failed()).as("episodes %s could not import", dataset.folder()).isEmpty();
    assertThat(report.imported()).hasSize(source.size());

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        RecorderCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "upload",
            "--spool",
            spoolDir.toString(),
            "--gateway",
            platform.gatewayUrl().toString(),
            "--code",
            admin.enrolmentCode(dataset.site()),
            "--progress-every",
            "200ms");
    assertThat(exit).as("upload of %s: %s %s", dataset.site(), out, err).isEqualTo(0);

    Map<String, Uploaded> episodes = new LinkedHashMap<>();
    for (ImportReport.Imported e : report.imported()) {
      episodes.put(
          e.episodeId(),
          new Uploaded(dataset, e.episodeIndex(), source.get(e.episodeIndex()), e.videoMethods()));
    }
    return episodes;
  }

  private static Map<String, Record> awaitVerdicts(LakeConfig lake, Set<String> episodeIds) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        PlatformIT.readEpisodes(lake).stream()
                            .map(r -> (String) r.getField("episode_id"))
                            .toList())
                    .as("episodes with a verdict")
                    .containsAll(episodeIds));
    Map<String, Record> rows = new LinkedHashMap<>();
    PlatformIT.readEpisodes(lake).forEach(r -> rows.put((String) r.getField("episode_id"), r));
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static void assertVerdicts(Map<String, Record> rows, Map<String, Uploaded> uploaded) {
    for (var entry : uploaded.entrySet()) {
      Record row = rows.get(entry.getKey());
      Dataset dataset = entry.getValue().dataset();
      String what = dataset.folder().getFileName() + " episode " + entry.getValue().episodeIndex();
      List<String> reasons = (List<String>) row.getField("reasons");
      LOG.info("{}: {} {}", what, row.getField("status"), reasons);
      assertThat(reasons)
          .as("%s: joint reasons", what)
          .noneMatch(r -> JOINT_CHECKS.contains(r.split(":")[0]));
      assertThat(row.getField("status"))
          .as("%s: verdict, reasons %s", what, reasons)
          .isEqualTo("ACCEPTED");
      assertThat(row.getField("timestamp_source")).as(what).isEqualTo("SYNTHETIC");
      assertThat(row.getField("source")).as(what).isEqualTo(dataset.source());
      assertThat(row.getField("joint_rate_hz")).as(what).isEqualTo((float) dataset.fps());
      assertThat((List<String>) row.getField("camera_keys"))
          .as(what)
          .containsExactlyElementsOf(dataset.cameras());
      assertThat(row.getField("sample_count"))
          .as(what)
          .isEqualTo(entry.getValue().joints().frames());
      // frame_hashes = [cameras, n0, hash, millis, ...]: the camera checks decoded every camera
      List<Long> hashes = (List<Long>) row.getField("frame_hashes");
      if (!dataset.cameras().isEmpty()) {
        assertThat(hashes).as("%s: frame hashes", what).isNotEmpty();
        assertThat(hashes.get(0)).as(what).isEqualTo((long) dataset.cameras().size());
        assertThat(hashes.get(1)).as("%s: frames sampled from the first camera", what).isPositive();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertFramesBitIdentical(LakeConfig lake, Map<String, Uploaded> uploaded) {
    Map<String, List<Record>> frames = PlatformIT.framesByEpisode(lake);
    for (var entry : uploaded.entrySet()) {
      List<Record> rows = new ArrayList<>(frames.getOrDefault(entry.getKey(), List.of()));
      rows.sort(Comparator.comparing(r -> (Integer) r.getField("sample_index")));
      List<List<Float>> state = rows.stream().map(r -> (List<Float>) r.getField("state")).toList();
      List<List<Float>> action =
          rows.stream().map(r -> (List<Float>) r.getField("action")).toList();
      SourceJoints source = entry.getValue().joints();
      String what =
          entry.getValue().dataset().folder().getFileName()
              + " episode "
              + entry.getValue().episodeIndex();
      assertThat(SourceJoints.firstDifference(source.state(), state, what + " state")).isNull();
      assertThat(SourceJoints.firstDifference(source.action(), action, what + " action")).isNull();
    }
  }

  private static Map<String, Uploaded> select(
      Map<String, Uploaded> uploaded, Predicate<Uploaded> keep) {
    Map<String, Uploaded> out = new LinkedHashMap<>();
    uploaded.forEach(
        (id, u) -> {
          if (keep.test(u)) {
            out.put(id, u);
          }
        });
    return out;
  }

  private static TrainingSetSpec sitesOnly(String name, String site) {
    return new TrainingSetSpec(
        name,
        null,
        null,
        List.of(site),
        null,
        null,
        null,
        null,
        null,
        100,
        TrainingSetSpec.DEFAULT_CAP_PER_GROUP);
  }

  /**
   * Builds the set (it must hold exactly {@code expected}), exports it with the platform's videos,
   * runs the conformance checker, and compares the exported joints with the source's bits.
   */
  private void exportAndCheck(
      LakeConfig lake,
      TrainingSetSpec spec,
      Map<String, Uploaded> expected,
      VideoSource videos,
      ExportOptions options,
      String codec)
      throws Exception {
    TrainingSet set = withSets(lake, sets -> sets.build(spec));
    LOG.info("{}", set.describe().strip());
    assertThat(set.episodeIds()).containsExactlyInAnyOrderElementsOf(expected.keySet());

    Path target = dir.resolve("exports").resolve(spec.name());
    long started = System.nanoTime();
    ExportReport report =
        new ExportCommand().run(lake, spec.name(), target, videos, options, ExportProgress.none());
    LOG.info(
        "exported {} in {} ms: {}",
        spec.name(),
        (System.nanoTime() - started) / 1_000_000,
        report.summary());
    report.notes().forEach(n -> LOG.info("export {}: {}", spec.name(), n));

    List<String> violations = LeRobotConformance.check(target);
    assertThat(violations).as("LeRobot conformance of %s", spec.name()).isEmpty();

    JsonNode info = new ObjectMapper().readTree(target.resolve("meta/info.json").toFile());
    Uploaded any = expected.values().iterator().next();
    assertThat(info.path("total_episodes").asInt()).isEqualTo(expected.size());
    assertThat(info.path("fps").asInt()).isEqualTo(any.dataset().fps());
    for (String camera : any.dataset().cameras()) {
      assertThat(info.at("/features/" + camera.replace("/", "~1") + "/info/video.codec").asText())
          .as("%s codec in %s", camera, spec.name())
          .isEqualTo(codec);
    }
    if (any.dataset().cameras().isEmpty()) {
      assertThat(target.resolve("videos")).doesNotExist();
    }

    // The exported joints are the source's, bit for bit (episodes may be in another order).
    List<SourceJoints> exported = new ArrayList<>(SourceJoints.read(target).values());
    assertThat(exported).hasSize(expected.size());
    for (Uploaded u : expected.values()) {
      List<List<Float>> state = SourceJoints.asLists(u.joints().state());
      List<List<Float>> action = SourceJoints.asLists(u.joints().action());
      assertThat(exported)
          .as(
              "%s episode %d in the %s export",
              u.dataset().folder().getFileName(), u.episodeIndex(), spec.name())
          .anyMatch(e -> e.sameBits(state, action));
    }
  }

  private static <T> T withSets(LakeConfig lake, Function<TrainingSets, T> action) {
    Catalog catalog = SqlCommand.openCatalog(lake);
    try {
      return action.apply(new TrainingSets(catalog, lake.warehouse()));
    } finally {
      SqlCommand.closeCatalog(catalog);
    }
  }
}
