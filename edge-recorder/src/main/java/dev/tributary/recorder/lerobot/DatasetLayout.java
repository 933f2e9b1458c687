package dev.tributary.recorder.lerobot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a dataset version's metadata into {@link EpisodeRef}s (the per-version part of import). */
interface DatasetLayout {

  /**
   * Reads the episode metadata, in index order.
   *
   * @param waiting null: every metadata file must be complete; otherwise a file still being written
   *     (no Parquet footer, a last jsonl line without newline) is skipped and named here
   * @throws ImportException when a metadata file is missing or unreadable
   */
  List<EpisodeRef> read(List<String> waiting) throws ImportException;

  /**
   * Every episode the metadata lists, in index order.
   *
   * @throws ImportException when a metadata file is missing or unreadable
   */
  default List<EpisodeRef> episodes() throws ImportException {
    return read(null);
  }

  /**
   * The episodes listed by metadata files that are complete now; a file still being written is
   * skipped and named in {@code waiting}.
   */
  default List<EpisodeRef> readableEpisodes(List<String> waiting) throws ImportException {
    return read(Objects.requireNonNull(waiting, "waiting"));
  }

  /** task_index to task text (meta/tasks.parquet or meta/tasks.jsonl); empty when absent. */
  Map<Long, String> tasks() throws ImportException;

  static DatasetLayout of(DatasetInfo info) {
    return switch (info.layout()) {
      case V3 -> new V3Layout(info);
      case V2 -> new V21Layout(info);
    };
  }
}
