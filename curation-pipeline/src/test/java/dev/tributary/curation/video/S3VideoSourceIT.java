package dev.tributary.curation.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.curation.assembly.AssembledEpisode;
import dev.tributary.curation.config.PipelineConfig;
import dev.tributary.curation.quality.CameraQualityChecker;
import dev.tributary.curation.quality.CameraThresholds;
import dev.tributary.curation.quality.EpisodeQualityChecker;
import dev.tributary.curation.quality.EpisodeVideoAnalysis;
import dev.tributary.curation.quality.JointQualityChecker;
import dev.tributary.curation.quality.QualityThresholds;
import dev.tributary.infra.embedded.EmbeddedObjectStore;
import dev.tributary.infra.embedded.Ports;
import dev.tributary.recorder.sim.SimFaults;
import dev.tributary.schema.VideoSegment;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The S3 video source and the camera checks against the real embedded S3Proxy. */
class S3VideoSourceIT {
  private static final String BUCKET = "tributary-videos";
  private static final String AK = "it-access";
  private static final String SK = "it-secret-key";

  @TempDir static Path dir;
  private static EmbeddedObjectStore store;
  private static S3Client admin;
  private static SimulatedVideos.Recorded recorded;

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedObjectStore.start(dir.resolve("objects"), 0, AK, SK);
    admin =
        S3Client.builder()
            .endpointOverride(store.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AK, SK)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    admin.createBucket(b -> b.bucket(BUCKET));
    recorded =
        new SimulatedVideos(dir.resolve("spools"))
            .record("s3-site", 3, SimFaults.none(), 6, 2, 160, 120, 15);
    for (VideoSegment v : recorded.episode().videos()) {
      admin.putObject(
          b -> b.bucket(BUCKET).key(v.getObjectKey()),
          RequestBody.fromFile(recorded.files().get(v.getCameraKey())));
    }
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static S3VideoSource source(long maxBytes) throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    return S3VideoSource.open(
        PipelineConfig.ObjectStore.of(store.endpoint(), AK, SK), maxBytes, temp);
  }

  private static VideoSegment first() {
    return recorded.episode().videos().get(0);
  }

  @Test
  void downloadsTheObjectToATemporaryFileDeletedOnClose() throws Exception {
    try (S3VideoSource s3 = source(1 << 30)) {
      Path file;
      try (LocalVideo video = s3.fetch(first())) {
        file = video.file();
        assertThat(Files.mismatch(file, recorded.files().get(first().getCameraKey())))
            .isEqualTo(-1);
      }
      assertThat(file).doesNotExist();
    }
    assertThat(Files.list(dir.resolve("tmp"))).isEmpty();
  }

  @Test
  void aMissingObjectIsOneLineNamingIt() throws Exception {
    VideoSegment missing =
        VideoSegment.newBuilder(first()).setObjectKey("sites/x/nothing.mp4").build();
    try (S3VideoSource s3 = source(1 << 30)) {
      assertThatThrownBy(() -> s3.fetch(missing))
          .isInstanceOf(VideoUnavailableException.class)
          .hasMessage("s3://tributary-videos/sites/x/nothing.mp4 does not exist");
    }
  }

  @Test
  void aStoreThatDoesNotAnswerIsAnOutageNotAnUnreadableObject() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    URI closedPort = URI.create("http://127.0.0.1:" + Ports.free());
    try (S3VideoSource down =
        S3VideoSource.open(PipelineConfig.ObjectStore.of(closedPort, AK, SK), 1 << 30, temp)) {
      assertThatThrownBy(() -> down.fetch(first()))
          .isInstanceOfSatisfying(
              VideoStoreUnavailableException.class,
              e -> assertThat(e.isMisconfiguration()).isFalse())
          .hasMessageContaining(closedPort.toString())
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aMissingBucketIsAMisconfigurationNotAnUnreadableObject() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    PipelineConfig.ObjectStore wrongBucket =
        PipelineConfig.ObjectStore.of(store.endpoint(), AK, SK).withBucket("no-such-bucket");
    try (S3VideoSource s3 = S3VideoSource.open(wrongBucket, 1 << 30, temp)) {
      assertThatThrownBy(() -> s3.fetch(first()))
          .isInstanceOfSatisfying(
              VideoStoreUnavailableException.class,
              e -> assertThat(e.isMisconfiguration()).isTrue())
          .hasMessageContaining("bucket does not exist");
    }
  }

  @Test
  void anObjectThatIsNotWhatTheSegmentDeclaresIsRefusedAndNotLeftOnDisk() throws Exception {
    VideoSegment wrongHash = VideoSegment.newBuilder(first()).setSha256("00".repeat(32)).build();
    try (S3VideoSource s3 = source(1 << 30)) {
      assertThatThrownBy(() -> s3.fetch(wrongHash))
          .isInstanceOf(VideoUnavailableException.class)
          .hasMessageContaining("has SHA-256")
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> source(1000).fetch(first()))
          .isInstanceOf(VideoUnavailableException.class)
          .hasMessageContaining("above the limit of 1000");
    }
    assertThat(Files.list(dir.resolve("tmp"))).isEmpty();
  }

  @Test
  void theEpisodeAnalysisReadsEachCameraOnceAndFlagsAMissingOne() throws Exception {
    List<VideoSegment> videos = new ArrayList<>(recorded.episode().videos());
    videos.set(1, VideoSegment.newBuilder(videos.get(1)).setObjectKey("sites/gone.mp4").build());
    AssembledEpisode e = recorded.episode();
    AssembledEpisode oneMissing =
        new AssembledEpisode(
            e.episodeId(),
            e.siteId(),
            0,
            0,
            1,
            e.manifest(),
            e.joints(),
            videos,
            e.commit(),
            0,
            List.of());
    try (S3VideoSource s3 = source(1 << 30)) {
      EpisodeQualityChecker checker =
          new EpisodeQualityChecker(
              new JointQualityChecker(QualityThresholds.defaults()),
              new VideoSampler(s3, 8, 128),
              new CameraQualityChecker(CameraThresholds.defaults()));

      EpisodeVideoAnalysis clean = checker.analyse(e);
      EpisodeVideoAnalysis missing = checker.analyse(oneMissing);

      assertThat(clean.report().flags()).isEmpty();
      assertThat(clean.videos().cameras()).hasSize(2);
      assertThat(clean.frameHashes().size()).isEqualTo(16);
      assertThat(clean.scene()).isPresent();
      assertThat(missing.cameraFlags())
          .containsExactly("video_unreadable:" + videos.get(1).getCameraKey());
      assertThat(missing.report().score()).isEqualTo(0.85);
      assertThat(missing.frameHashes().cameras()).containsExactly(videos.get(0).getCameraKey());

      long best = Long.MAX_VALUE;
      EpisodeVideoAnalysis last = clean;
      for (int i = 0; i < 10; i++) {
        last = checker.analyse(e);
        best = Math.min(best, last.analysisNanos());
      }
      System.out.printf(
          "analysis of 6 s, 2 cameras 160x120 over S3: best %.1f ms, last: fetch %.1f ms,"
              + " decode %.1f ms, total %.1f ms%n",
          best / 1e6,
          last.videos().fetchNanos() / 1e6,
          last.videos().decodeNanos() / 1e6,
          last.analysisNanos() / 1e6);
    }
  }

  /** What {@code ./tributary run} records by default: 8 s, one camera, 320 x 240 at 15 fps. */
  @Test
  void costOfTheLaunchersDefaultEpisode() throws Exception {
    SimulatedVideos.Recorded r =
        new SimulatedVideos(dir.resolve("spools-default"))
            .record("cost-site", 9, SimFaults.none(), 8, 1, 320, 240, 15);
    VideoSegment v = r.episode().videos().get(0);
    admin.putObject(
        b -> b.bucket(BUCKET).key(v.getObjectKey()),
        RequestBody.fromFile(r.files().get(v.getCameraKey())));
    try (S3VideoSource s3 = source(1 << 30)) {
      EpisodeQualityChecker checker =
          new EpisodeQualityChecker(
              new JointQualityChecker(QualityThresholds.defaults()),
              new VideoSampler(s3, 8, 128),
              new CameraQualityChecker(CameraThresholds.defaults()));
      long[] total = new long[20];
      long[] fetch = new long[20];
      long[] decode = new long[20];
      for (int i = 0; i < 20; i++) {
        EpisodeVideoAnalysis a = checker.analyse(r.episode());
        assertThat(a.report().flags()).isEmpty();
        total[i] = a.analysisNanos();
        fetch[i] = a.videos().fetchNanos();
        decode[i] = a.videos().decodeNanos();
      }
      java.util.Arrays.sort(total);
      java.util.Arrays.sort(fetch);
      java.util.Arrays.sort(decode);
      System.out.printf(
          "default episode (8 s, 320x240, 15 fps, %d bytes): median total %.1f ms (fetch %.1f,"
              + " timestamps+decode %.1f), p90 total %.1f ms%n",
          v.getSizeBytes(), total[10] / 1e6, fetch[10] / 1e6, decode[10] / 1e6, total[18] / 1e6);
    }
  }
}
