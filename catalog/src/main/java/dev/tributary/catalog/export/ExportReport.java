package dev.tributary.catalog.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param bytes total size of the files written
 * @param notes dataset-level remarks, e.g. that videos were not exported
 */
public record ExportReport(
    Path target,
    int episodes,
    long frames,
    int tasks,
    double fps,
    long bytes,
    Duration elapsed,
    List<String> notes) {

  public ExportReport {
    notes = List.copyOf(notes);
  }

  /** One line for the terminal. */
  public String summary() {
    double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
    return String.format(
        java.util.Locale.ROOT,
        "exported %d episodes, %d frames, %d tasks at %.3g fps to %s (%.1f MB in %.2f s: %.1f"
            + " episodes/s, %.1f MB/s)",
        episodes,
        frames,
        tasks,
        fps,
        target,
        bytes / 1e6,
        seconds,
        episodes / seconds,
        bytes / 1e6 / seconds);
  }
}
