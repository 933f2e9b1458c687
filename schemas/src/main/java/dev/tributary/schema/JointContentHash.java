package dev.tributary.schema;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The episode content hash declared in {@link EpisodeCommit#getContentSha256()}: SHA-256 over every
 * joint sample in order; per sample the state values then the action values, each as the big-endian
 * IEEE 754 bits of the float. Independent of chunking, timestamps and Avro encoding, so recorder
 * and pipeline compute it the same way: the recorder from its chunks ({@link #add(JointChunk)}),
 * the pipeline from the primitive columns it decodes the chunks into once ({@link #addSamples}).
 */
public final class JointContentHash {
  private final MessageDigest digest;
  // Floats are gathered here and digested in blocks: one MessageDigest call per float cost more
  // than the hashing itself. The digested byte stream is the same.
  private final byte[] buffer = new byte[4096];
  private int buffered;

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

  /**
   * Adds samples {@code [from, to)} of columns ({@code state[joint][sample]}, {@code
   * action[column][sample]}; {@code action} may have no column): the same bytes as the chunks
   * holding those samples.
   */
  public JointContentHash addSamples(float[][] state, float[][] action, int from, int to) {
    for (int i = from; i < to; i++) {
      for (float[] joint : state) {
        putFloat(joint[i]);
      }
      for (float[] column : action) {
        putFloat(column[i]);
      }
    }
    return this;
  }

  private void putFloat(float value) {
    if (buffered == buffer.length) {
      digest.update(buffer, 0, buffered);
      buffered = 0;
    }
    int bits = Float.floatToIntBits(value);
    buffer[buffered] = (byte) (bits >>> 24);
    buffer[buffered + 1] = (byte) (bits >>> 16);
    buffer[buffered + 2] = (byte) (bits >>> 8);
    buffer[buffered + 3] = (byte) bits;
    buffered += 4;
  }

  /** Lower-case hex of the digest; the instance must not be used afterwards. */
  public String hex() {
    digest.update(buffer, 0, buffered);
    buffered = 0;
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String of(List<JointChunk> chunksInOrder) {
    JointContentHash hash = new JointContentHash();
    chunksInOrder.forEach(hash::add);
    return hash.hex();
  }
}
