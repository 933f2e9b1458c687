package dev.tributary.recorder.lerobot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where one LeRobot episode lives, as a layout reader found it in the metadata.
 *
 * @param length frames declared in the metadata; -1 when not declared
 * @param task the first task string, or null to take it from the rows' task_index
 * @param metaFile the metadata file that lists the episode (its completeness matters to watch)
 * @param videos per camera key: the file and the episode's time range in it
 */
record EpisodeRef(
    long index,
    long length,
    String task,
    Path metaFile,
    Path dataFile,
    Map<String, VideoRef> videos) {

  /**
   * One camera's video of the episode: the frames with time in {@code [from, to)} seconds; {@code
   * wholeFile} when the file holds just this episode (v2.1), which is then copied as is.
   */
  record VideoRef(Path file, double fromSeconds, double toSeconds, boolean wholeFile) {}

  /** Every file the episode needs (metadata, data, videos). */
  List<Path> files() {
    java.util.ArrayList<Path> out = new java.util.ArrayList<>();
    out.add(metaFile);
    out.add(dataFile);
    videos.values().forEach(v -> out.add(v.file()));
    return out;
  }
}
