package dev.tributary.curation.dedup;

import dev.tributary.schema.JointChunk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact-duplicate key of an episode: SHA-256 over the robot type, the joint count and every
 * state value quantised to {@link #QUANTUM} (sample-major, joints in manifest order). Joint names,
 * timestamps, actions, chunking and video do not enter it, so a renamed or re-timed re-upload of
 * the same recording gets the same key.
 */
public final class ExactKey {
  /** Quantum of the state values, in the manifest's units (0.01 deg is far below servo noise). */
  public static final double QUANTUM = 0.01;

  private ExactKey() {}

  /**
   * @param chunksInOrder chunks in sequence order; every state column as long as the chunk
   */
  public static String of(String robotType, int jointCount, List<JointChunk> chunksInOrder) {
    MessageDigest digest = sha256();
    byte[] robot = robotType.getBytes(StandardCharsets.UTF_8);
    ByteBuffer header = ByteBuffer.allocate(8 + robot.length);
    header.putInt(robot.length).put(robot).putInt(jointCount);
    digest.update(header.array());
    ByteBuffer sample = ByteBuffer.allocate(8 * jointCount);
    for (JointChunk chunk : chunksInOrder) {
      List<List<Float>> state = chunk.getState();
      int samples = chunk.getCaptureMonoNanos().size();
      for (int i = 0; i < samples; i++) {
        sample.clear();
        for (int j = 0; j < jointCount; j++) {
          sample.putLong(quantise(state.get(j).get(i)));
        }
        digest.update(sample.array());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static long quantise(float value) {
    if (Float.isNaN(value)) {
      return Long.MIN_VALUE;
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
    }
    return Math.round(value / QUANTUM);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
