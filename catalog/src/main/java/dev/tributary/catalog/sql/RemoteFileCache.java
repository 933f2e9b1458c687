package dev.tributary.catalog.sql;

import dev.tributary.catalog.io.LocalCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
    try {
      return LocalCopies.fetchOnce(
          DIR, location, ".parquet", () -> io.newInputFile(location).newStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + location + ": " + e.getMessage(), e);
    }
  }
}
