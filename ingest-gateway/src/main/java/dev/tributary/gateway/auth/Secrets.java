package dev.tributary.gateway.auth;

import dev.tributary.gateway.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their hashes. Secrets are handed out once and only their SHA-256 is kept. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code bytes} random bytes from {@link SecureRandom}, base64url without padding. */
  public static String random(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  public static byte[] sha256(String secret) {
    return Sha256.of(secret.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /**
   * Compares two secrets in time independent of where they differ (and of their lengths, since the
   * digests are compared).
   */
  public static boolean constantTimeEquals(String presented, byte[] expectedSha256) {
    return presented != null && MessageDigest.isEqual(sha256(presented), expectedSha256);
  }

  /** Compares two lower-case hex digests in constant time. */
  public static boolean constantTimeEqualsHex(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
