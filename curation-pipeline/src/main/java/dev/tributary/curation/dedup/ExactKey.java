package dev.tributary.curation.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
   * @param state {@code state[joint][sample]} in manifest joint order, every column {@code samples}
   *     long
   */
  public static String of(String robotType, float[][] state, int samples) {
    MessageDigest digest = sha256();
    int jointCount = state.length;
    byte[] robot = robotType.getBytes(StandardCharsets.UTF_8);
    ByteBuffer header = ByteBuffer.allocate(8 + robot.length);
    header.putInt(robot.length).put(robot).putInt(jointCount);
    digest.update(header.array());
    if (jointCount > 0) {
      // Whole samples per block, digested together: the same byte stream as sample by sample.
      int perBlock = Math.max(1, 4096 / (8 * jointCount));
      ByteBuffer block = ByteBuffer.allocate(8 * jointCount * perBlock);
      for (int i = 0; i < samples; i++) {
        for (float[] joint : state) {
          block.putLong(quantise(joint[i]));
        }
        if (!block.hasRemaining()) {
          digest.update(block.array(), 0, block.position());
          block.clear();
        }
      }
      digest.update(block.array(), 0, block.position());
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
