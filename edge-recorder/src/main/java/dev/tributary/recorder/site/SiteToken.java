package dev.tributary.recorder.site;

import dev.tributary.recorder.spool.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The site token kept in {@code <spoolDir>/site-token}: created rw------- (owner only) from birth,
 * written atomically and durably, so a crash never leaves a half-written or world-readable token.
 */
public final class SiteToken {
  public static final String FILE_NAME = "site-token";

  private SiteToken() {}

  public static Path file(Path spoolDir) {
    return spoolDir.resolve(FILE_NAME);
  }

  public static Optional<String> load(Path spoolDir) throws IOException {
    Path file = file(spoolDir);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  public static void store(Path spoolDir, String token) throws IOException {
    Durable.createDirectory(spoolDir);
    Durable.replaceSecretAtomically(
        file(spoolDir), (token + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
