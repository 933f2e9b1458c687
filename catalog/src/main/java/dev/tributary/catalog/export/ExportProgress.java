package dev.tributary.catalog.export;

/**
 * Told how far an export is, for a progress bar. Called on the exporting thread; keep it cheap.
 * Phases, in order: {@code plan}, {@code frames} (done/total in episodes, reported per batch),
 * {@code videos} (done/total in camera-episodes), {@code write}, {@code commit}.
 */
@FunctionalInterface
public interface ExportProgress {
  void update(String phase, long done, long total);

  /** Reports nothing. */
  static ExportProgress none() {
    return (phase, done, total) -> {};
  }
}
