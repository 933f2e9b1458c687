package dev.tributary.catalog.query;

import dev.tributary.schema.table.CuratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One episode's video object keys ({@code video_keys}, in {@code camera_keys} order), for the
 * feed's thumbnails. Thread-safe (loads the table per call).
 */
public final class EpisodeVideoQuery {
  private final Catalog catalog;

  public EpisodeVideoQuery(Catalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @return empty when the episode (or the table) does not exist; else its video keys, possibly an
   *     empty list
   */
  @SuppressWarnings("unchecked")
  public Optional<List<String>> videoKeys(String episodeId) {
    Table table;
    try {
      table = catalog.loadTable(CuratedTables.EPISODES);
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
    if (table.currentSnapshot() == null) {
      return Optional.empty();
    }
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table)
            .select("episode_id", "video_keys")
            .where(Expressions.equal("episode_id", episodeId))
            .build()) {
      for (Record row : rows) {
        // Residual filtering is not guaranteed by the generic reader: check again.
        if (episodeId.equals(row.getField("episode_id"))) {
          List<String> keys = (List<String>) row.getField("video_keys");
          return Optional.of(keys == null ? List.of() : List.copyOf(keys));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the scan of " + CuratedTables.EPISODES, e);
    }
    return Optional.empty();
  }
}
