package dev.tributary.gateway;

import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeCommit;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointContentHash;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import dev.tributary.schema.VideoSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid protocol records to start tests from. */
public final class Fixtures {
  public static final List<String> JOINTS =
      List.of("shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos");

  private Fixtures() {}

  public static String newEpisodeId() {
    return UUID.randomUUID().toString();
  }

  public static EpisodeManifest manifest(String episodeId, String siteId, String... cameras) {
    List<CameraSpec> specs = new ArrayList<>();
    for (String camera : cameras) {
      specs.add(new CameraSpec(camera, "front", 640, 480, 30f, "h264"));
    }
    return EpisodeManifest.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(siteId)
        .setRigId("rig-1")
        .setRobotType("so101_follower")
        .setJoints(JOINTS.stream().map(n -> new JointSpec(n, "deg")).toList())
        .setCameras(specs)
        .setTask("pick the red cube")
        .setRecorderVersion("test")
        .setStartedAtMicros(1_700_000_000_000_000L)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz(30f)
        .setSource("sim")
        .build();
  }

  /** A chunk of {@code samples} samples starting at sample {@code sequence * samples}. */
  public static JointChunk chunk(String episodeId, int sequence, int samples) {
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<List<Float>> state = new ArrayList<>();
    List<List<Float>> action = new ArrayList<>();
    int first = sequence * samples;
    for (int i = 0; i < samples; i++) {
      mono.add((first + i) * 33_333_333L + 1);
      wall.add(1_700_000_000_000_000L + (first + i) * 33_333L);
    }
    for (int j = 0; j < JOINTS.size(); j++) {
      List<Float> s = new ArrayList<>();
      List<Float> a = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        s.add((float) Math.sin((first + i) * 0.1 + j));
        a.add((float) Math.cos((first + i) * 0.1 + j));
      }
      state.add(s);
      action.add(a);
    }
    return JointChunk.newBuilder()
        .setEpisodeId(episodeId)
        .setSequence(sequence)
        .setFirstSampleIndex(first)
        .setCaptureMonoNanos(mono)
        .setCaptureWallMicros(wall)
        .setState(state)
        .setAction(action)
        .build();
  }

  public static VideoSegment video(
      String episodeId, String siteId, String camera, long size, String sha256) {
    return VideoSegment.newBuilder()
        .setEpisodeId(episodeId)
        .setCameraKey(camera)
        .setObjectKey("sites/" + siteId + "/episodes/" + episodeId + "/" + camera + ".mp4")
        .setSizeBytes(size)
        .setSha256(sha256)
        .setFrameCount(60)
        .setFirstFrameMicros(1_700_000_000_000_000L)
        .setLastFrameMicros(1_700_000_002_000_000L)
        .build();
  }

  public static EpisodeCommit commit(
      String episodeId, List<JointChunk> chunks, Map<String, Integer> frames) {
    return EpisodeCommit.newBuilder()
        .setEpisodeId(episodeId)
        .setChunkCount(chunks.size())
        .setSampleCount(chunks.stream().mapToInt(c -> c.getCaptureMonoNanos().size()).sum())
        .setVideoFrameCounts(frames)
        .setContentSha256(JointContentHash.of(chunks))
        .setCommittedAtMicros(1_700_000_010_000_000L)
        .build();
  }
}
