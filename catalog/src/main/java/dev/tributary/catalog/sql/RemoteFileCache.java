package dev.tributary.catalog.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.iceberg.io.FileIO;

/**
 * Local copies of a warehouse's data files on object storage (s3://...), for the embedded SQL
 * engine, which reads local Parquet only (DuckDB's httpfs extension cannot be installed here).
 * Iceberg data files are immutable once committed, so a copy keyed by the file's location never
 * goes stale; each is fetched once, through the table's own FileIO (S3FileIO with the catalog's
 * credentials), and written atomically.
 */
final class RemoteFileCache {
  private static final Path DIR =
      Path.of(
          System.getProperty(
              "tributary.sql.cache",
              Path.of(System.getProperty("java.io.tmpdir"), "tributary-sql-cache").toString()));

  private RemoteFileCache() {}

  /** The local copy of {@code location}, fetched on first use. */
  static Path local(FileIO io, String location) {
    Path file = DIR.resolve(sha256(location) + ".parquet");
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(DIR);
      Path part = Files.createTempFile(DIR, "fetch-", ".part");
      try (InputStream in = io.newInputFile(location).newStream()) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + location + ": " + e.getMessage(), e);
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
