package dev.tributary.loadtest;

import dev.tributary.schema.CameraSpec;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.JointSpec;
import dev.tributary.schema.TimestampSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a rig's joint stream: joints, sampling rate, one second per chunk. Builds valid
 * manifests and chunks; the joint values are precomputed (a few variants, so compression sees
 * realistic rather than identical bodies) and only ids, sequence and timestamps vary per chunk.
 */
public record ChunkShape(String name, int joints, int rateHz) {
  public static final ChunkShape ARM_6DOF_30HZ = new ChunkShape("6 joints, 30 Hz", 6, 30);
  public static final ChunkShape BIMANUAL_14DOF_100HZ =
      new ChunkShape("14 joints, 100 Hz", 14, 100);

  private static final int VARIANTS = 16;
  private static final long START_MICROS = 1_700_000_000_000_000L;

  public static ChunkShape named(String value) {
    return switch (value) {
      case "6x30" -> ARM_6DOF_30HZ;
      case "14x100" -> BIMANUAL_14DOF_100HZ;
      default ->
          throw new IllegalArgumentException(
              "unknown chunk shape '" + value + "': use 6x30 or 14x100");
    };
  }

  /** Samples per chunk: one second of data. */
  public int samples() {
    return rateHz;
  }

  public EpisodeManifest manifest(String episodeId, String siteId, String rigId) {
    List<JointSpec> specs = new ArrayList<>();
    for (int j = 0; j < joints; j++) {
      specs.add(new JointSpec("joint_" + j + ".pos", "rad"));
    }
    return EpisodeManifest.newBuilder()
        .setEpisodeId(episodeId)
        .setSiteId(siteId)
        .setRigId(rigId)
        .setRobotType(joints > 7 ? "aloha_bimanual" : "so101_follower")
        .setJoints(specs)
        .setCameras(
            List.of(
                new CameraSpec("front", "front", 640, 480, 30f, "h264"),
                new CameraSpec("wrist", "wrist", 640, 480, 30f, "h264")))
        .setTask("pick the red cube and place it in the bin")
        .setRecorderVersion("load-test")
        .setStartedAtMicros(START_MICROS)
        .setTimestampSource(TimestampSource.CAPTURE)
        .setJointRateHz((float) rateHz)
        .setSource("sim")
        .build();
  }

  /** Chunk {@code sequence}: samples {@code sequence * samples() ..} of the episode. */
  public JointChunk chunk(String episodeId, int sequence, Columns columns) {
    int n = samples();
    int first = sequence * n;
    long periodNanos = 1_000_000_000L / rateHz;
    List<Long> mono = new ArrayList<>(n);
    List<Long> wall = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      mono.add((first + i) * periodNanos + 1);
      wall.add(START_MICROS + (first + i) * (periodNanos / 1000));
    }
    int variant = Math.floorMod(sequence, VARIANTS);
    return JointChunk.newBuilder()
        .setEpisodeId(episodeId)
        .setSequence(sequence)
        .setFirstSampleIndex(first)
        .setCaptureMonoNanos(mono)
        .setCaptureWallMicros(wall)
        .setState(columns.state.get(variant))
        .setAction(columns.action.get(variant))
        .build();
  }

  public Columns columns() {
    return new Columns(this);
  }

  /** Precomputed joint columns (state and action) for a few chunk variants. */
  public static final class Columns {
    private final List<List<List<Float>>> state = new ArrayList<>();
    private final List<List<List<Float>>> action = new ArrayList<>();

    private Columns(ChunkShape shape) {
      for (int v = 0; v < VARIANTS; v++) {
        List<List<Float>> s = new ArrayList<>();
        List<List<Float>> a = new ArrayList<>();
        for (int j = 0; j < shape.joints; j++) {
          List<Float> sj = new ArrayList<>();
          List<Float> aj = new ArrayList<>();
          for (int i = 0; i < shape.samples(); i++) {
            double t = (v * shape.samples() + i) / (double) shape.rateHz;
            sj.add((float) (Math.sin(t * 1.3 + j) * 0.8 + 0.001 * Math.sin(t * 97 + j)));
            aj.add((float) (Math.sin(t * 1.3 + j + 0.05) * 0.8));
          }
          s.add(List.copyOf(sj));
          a.add(List.copyOf(aj));
        }
        state.add(List.copyOf(s));
        action.add(List.copyOf(a));
      }
    }
  }
}
