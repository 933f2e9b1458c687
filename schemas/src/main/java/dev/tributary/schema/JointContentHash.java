package dev.tributary.schema;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The episode content hash declared in {@link EpisodeCommit#getContentSha256()}: SHA-256 over every
 * joint sample in order; per sample the state values then the action values, each as the big-endian
 * IEEE 754 bits of the float. Independent of chunking, timestamps and Avro encoding, so recorder
 * and pipeline compute it the same way.
 */
public final class JointContentHash {
  private final MessageDigest digest;
  private final ByteBuffer scratch = ByteBuffer.allocate(4);

  public JointContentHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Adds a chunk; chunks must be added in sequence order. */
  public JointContentHash add(JointChunk chunk) {
    List<List<Float>> state = chunk.getState();
    List<List<Float>> action = chunk.getAction();
    int samples = chunk.getCaptureMonoNanos().size();
    for (int i = 0; i < samples; i++) {
      for (List<Float> joint : state) {
        putFloat(joint.get(i));
      }
      for (List<Float> joint : action) {
        putFloat(joint.get(i));
      }
    }
    return this;
  }

  private void putFloat(float value) {
    scratch.clear();
    scratch.putInt(Float.floatToIntBits(value));
    digest.update(scratch.array());
  }

  /** Lower-case hex of the digest; the instance must not be used afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String of(List<JointChunk> chunksInOrder) {
    JointContentHash hash = new JointContentHash();
    chunksInOrder.forEach(hash::add);
    return hash.hex();
  }
}
