package dev.tributary.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The platform's one data folder: checked for writability up front, holds generated secrets. */
final class DataDirectory {
  private DataDirectory() {}

  /**
   * Creates the folder if needed and proves it is writable, or fails with a one-line fix-it
   * message.
   */
  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalStateException(
          "data folder "
              + dir.toAbsolutePath()
              + " is not writable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); choose another with --data-dir",
          e);
    }
  }

  /**
   * A secret kept in the data folder (owner-only), generated on first use, so restarts keep working
   * with the tokens already issued.
   */
  static String secret(Path dir, String name) {
    Path file = dir.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, value + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the folder's own permissions apply
      }
      return value;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }
}
