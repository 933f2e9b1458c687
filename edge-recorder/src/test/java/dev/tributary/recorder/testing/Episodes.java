package dev.tributary.recorder.testing;

import dev.tributary.recorder.spool.EpisodeWriter;
import dev.tributary.recorder.spool.Spool;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small hand-made episodes for spool and uploader tests. */
public final class Episodes {
  private Episodes() {}

  public static EpisodeManifest manifest(String siteId, String episodeId) {
    return EpisodeManifest.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(siteId)
        .setRigId("rig")
        .setRobotType("so101_follower")
        .setJoints(
            List.of(
                new JointSpec("shoulder_pan.pos", "deg"), new JointSpec("gripper.pos", "percent")))
        .setCameras(List.of())
        .setTask("test")
        .setRecorderVersion("test")
        .setStartedAtMicros(System.currentTimeMillis() * 1000)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz(30)
        .setSource("sim")
        .build();
  }

  public static JointChunk chunk(String episodeId, int sequence, int samples) {
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<Float> pan = new ArrayList<>();
    List<Float> gripper = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      int index = sequence * samples + i;
      mono.add(1_000_000L * (index + 1));
      wall.add(1_700_000_000_000_000L + 33_333L * index);
      pan.add((float) Math.sin(index * 0.1) * 40);
      gripper.add((float) (index % 100));
    }
    return JointChunk.newBuilder()
        .setEpisodeId(episodeId)
        .setSequence(sequence)
        .setFirstSampleIndex(sequence * samples)
        .setCaptureMonoNanos(mono)
        .setCaptureWallMicros(wall)
        .setState(List.of(pan, gripper))
        .setAction(List.of())
        .build();
  }

  /** Writes a complete joint-only episode of {@code chunks} chunks and returns its id. */
  public static String write(Spool spool, String siteId, int chunks, int samplesPerChunk)
      throws Exception {
    String id = UUID.randomUUID().toString();
    EpisodeWriter writer = spool.startEpisode(manifest(siteId, id));
    for (int seq = 0; seq < chunks; seq++) {
      writer.appendChunk(chunk(id, seq, samplesPerChunk));
    }
    writer.finish();
    return id;
  }
}
