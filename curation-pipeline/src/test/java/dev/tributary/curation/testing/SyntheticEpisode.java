package dev.tributary.curation.testing;

import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import dev.tributary.schema.VideoSegment;
import dev.tributary.schema.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic SO-101-like episode (6 joints, smooth motion, real capture times, one or more
 * cameras) and the ingest events a gateway would publish for it.
 */
public final class SyntheticEpisode {
  static {
    // Avro 1.12 copies records (newBuilder(other)) only for classes the codec marked trusted.
    Topics.INGEST.codec();
  }

  public static final List<String> SO101_JOINTS =
      List.of(
          "shoulder_pan.pos",
          "shoulder_lift.pos",
          "elbow_flex.pos",
          "wrist_flex.pos",
          "wrist_roll.pos",
          "gripper.pos");

  public final EpisodeManifest manifest;
  public final List<JointChunk> chunks;
  public final List<VideoSegment> videos;
  public final EpisodeCommit commit;

  private SyntheticEpisode(
      EpisodeManifest manifest,
      List<JointChunk> chunks,
      List<VideoSegment> videos,
      EpisodeCommit commit) {
    this.manifest = manifest;
    this.chunks = chunks;
    this.videos = videos;
    this.commit = commit;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String episodeId() {
    return manifest.getEpisodeId();
  }

  public String siteId() {
    return manifest.getSiteId();
  }

  public int sampleCount() {
    return commit.getSampleCount();
  }

  /** Manifest, chunks, videos, commit: the order a recorder sends them in. */
  public List<IngestEvent> events() {
    List<IngestEvent> out = new ArrayList<>();
    out.add(event(manifest));
    chunks.forEach(c -> out.add(event(c)));
    videos.forEach(v -> out.add(event(v)));
    out.add(event(commit));
    return out;
  }

  public IngestEvent event(Object payload) {
    return IngestEvent.newBuilder()
        .setSiteId(siteId())
        .setEpisodeId(episodeId())
        .setReceivedAtMicros(System.currentTimeMillis() * 1000)
        .setGatewayId("test-gateway")
        .setPayload(payload)
        .build();
  }

  /** Builds episodes; the same seed gives the same joint values. */
  public static final class Builder {
    private String episodeId = UUID.randomUUID().toString();
    private String siteId = "lisbon";
    private String robotType = "so101_follower";
    private List<String> jointNames = SO101_JOINTS;
    private int samples = 240;
    private int chunkSize = 100;
    private float rateHz = 30f;
    private List<String> cameras = List.of("observation.images.front");
    private long seed = 1;
    private long startMicros = 1_790_000_000_000_000L;
    private long timeShiftMicros;
    private boolean withAction = true;

    public Builder episodeId(String v) {
      episodeId = v;
      return this;
    }

    public Builder siteId(String v) {
      siteId = v;
      return this;
    }

    public Builder robotType(String v) {
      robotType = v;
      return this;
    }

    public Builder jointNames(List<String> v) {
      jointNames = v;
      return this;
    }

    public Builder samples(int v) {
      samples = v;
      return this;
    }

    public Builder chunkSize(int v) {
      chunkSize = v;
      return this;
    }

    public Builder rateHz(float v) {
      rateHz = v;
      return this;
    }

    public Builder cameras(List<String> v) {
      cameras = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder startMicros(long v) {
      startMicros = v;
      return this;
    }

    /** Shifts every capture time (a re-timed copy of the same recording). */
    public Builder timeShiftMicros(long v) {
      timeShiftMicros = v;
      return this;
    }

    public Builder withoutAction() {
      withAction = false;
      return this;
    }

    public SyntheticEpisode build() {
      Random random = new Random(seed);
      int joints = jointNames.size();
      float[][] state = new float[joints][samples];
      for (int j = 0; j < joints; j++) {
        double phase = random.nextDouble() * Math.PI * 2;
        double amplitude = 10 + random.nextDouble() * 30;
        double speed = 0.2 + random.nextDouble();
        for (int i = 0; i < samples; i++) {
          double t = i / (double) rateHz;
          state[j][i] =
              (float) (amplitude * Math.sin(speed * t + phase) + random.nextGaussian() * 0.3);
        }
      }
      long periodMicros = Math.round(1_000_000 / rateHz);
      long start = startMicros + timeShiftMicros;
      List<JointChunk> chunks = new ArrayList<>();
      for (int first = 0, seq = 0; first < samples; first += chunkSize, seq++) {
        int n = Math.min(chunkSize, samples - first);
        List<Long> mono = new ArrayList<>(n);
        List<Long> wall = new ArrayList<>(n);
        List<List<Float>> st = new ArrayList<>();
        List<List<Float>> ac = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          long t = (first + i) * periodMicros;
          mono.add(5_000_000_000L + timeShiftMicros * 1000 + t * 1000);
          wall.add(start + t);
        }
        for (int j = 0; j < joints; j++) {
          List<Float> sc = new ArrayList<>(n);
          List<Float> acol = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            sc.add(state[j][first + i]);
            int next = Math.min(first + i + 1, samples - 1);
            acol.add(state[j][next]);
          }
          st.add(sc);
          if (withAction) {
            ac.add(acol);
          }
        }
        chunks.add(
            JointChunk.newBuilder()
                .setEpisodeId(episodeId)
                .setSequence(seq)
                .setFirstSampleIndex(first)
                .setCaptureMonoNanos(mono)
                .setCaptureWallMicros(wall)
                .setState(st)
                .setAction(ac)
                .build());
      }
      List<CameraSpec> cameraSpecs = new ArrayList<>();
      List<VideoSegment> videos = new ArrayList<>();
      Map<String, Integer> frameCounts = new HashMap<>();
      int frames = Math.round(samples / rateHz * 30);
      for (String camera : cameras) {
        cameraSpecs.add(
            CameraSpec.newBuilder()
                .setKey(camera)
                .setRole(camera.substring(camera.lastIndexOf('.') + 1))
                .setWidth(640)
                .setHeight(480)
                .setFps(30f)
                .setCodec("h264")
                .build());
        videos.add(
            VideoSegment.newBuilder()
                .setEpisodeId(episodeId)
                .setCameraKey(camera)
                .setObjectKey("sites/" + siteId + "/episodes/" + episodeId + "/" + camera + ".mp4")
                .setSizeBytes(1_000_000)
                .setSha256("ab".repeat(32))
                .setFrameCount(frames)
                .setFirstFrameMicros(start)
                .setLastFrameMicros(start + (long) samples * periodMicros)
                .build());
        frameCounts.put(camera, frames);
      }
      List<JointSpec> jointSpecs = new ArrayList<>();
      for (String name : jointNames) {
        jointSpecs.add(JointSpec.newBuilder().setName(name).setUnit("deg").build());
      }
      EpisodeManifest manifest =
          EpisodeManifest.newBuilder()
              .setEpisodeId(episodeId)
              .setSiteId(siteId)
              .setRigId(siteId + "-rig-1")
              .setRobotType(robotType)
              .setJoints(jointSpecs)
              .setCameras(cameraSpecs)
              .setTask("pick the red cube and place it in the bowl")
              .setRecorderVersion("test")
              .setStartedAtMicros(start)
              .setTimestampSource(TimestampSource.CAPTURE)
              .setJointRateHz(rateHz)
              .setSource("sim")
              .build();
      EpisodeCommit commit =
          EpisodeCommit.newBuilder()
              .setEpisodeId(episodeId)
              .setChunkCount(chunks.size())
              .setSampleCount(samples)
              .setVideoFrameCounts(frameCounts)
              .setContentSha256(JointContentHash.of(chunks))
              .setCommittedAtMicros(start + (long) samples * periodMicros + 500_000)
              .build();
      return new SyntheticEpisode(manifest, chunks, videos, commit);
    }
  }
}
