package dev.tributary.gateway;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 with one digest per thread: every site request hashes its token and every part its
 * content, and {@code MessageDigest.getInstance} costs a provider lookup each time. {@code digest}
 * resets the digest, so it is never left dirty.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JVM has SHA-256", e);
            }
          });

  private Sha256() {}

  public static byte[] of(byte[] bytes) {
    return DIGEST.get().digest(bytes);
  }

  /** The digest of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static byte[] of(byte[] bytes, int offset, int length) {
    MessageDigest digest = DIGEST.get();
    digest.update(bytes, offset, length);
    return digest.digest();
  }
}
