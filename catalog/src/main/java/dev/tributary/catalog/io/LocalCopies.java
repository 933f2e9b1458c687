package dev.tributary.catalog.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Local copies of remote objects that never change once written (Iceberg data files, episode
 * videos): each is fetched once into a folder, under a name derived from its location, written to a
 * temporary file and moved into place atomically, so a reader never sees half a copy.
 */
public final class LocalCopies {
  /** Opens the remote object; null when it does not exist. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  private LocalCopies() {}

  /**
   * The local copy of {@code location}, fetched through {@code source} on first use.
   *
   * @return the file, or null when the source says the object does not exist
   */
  public static Path fetchOnce(Path dir, String location, String suffix, Source source)
      throws IOException {
    Path file = dir.resolve(sha256(location) + suffix);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, "fetch-", ".part");
    try {
      try (InputStream in = source.open()) {
        if (in == null) {
          return null;
        }
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
