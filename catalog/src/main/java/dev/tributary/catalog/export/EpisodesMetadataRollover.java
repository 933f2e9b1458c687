package dev.tributary.catalog.export;

/**
 * Which {@code meta/episodes} file each episode's row goes to, by the rule of LeRobot's {@code
 * LeRobotDatasetMetadata._save_episode_metadata} (rule 35 of {@code docs/lerobot-format-rules.md}):
 * rows are buffered and flushed to the current file 10 at a time ({@code metadata_buffer_size});
 * once the file exists, an episode starts a new file when {@code size + size / previous
 * episode_index * length >= data_files_size_in_mb}. The divisor is the previous episode's index,
 * not a frame count (an upstream quirk kept here, so files split where LeRobot's would); when the
 * file rolls over, the buffered rows still go to the old one.
 */
final class EpisodesMetadataRollover {
  private EpisodesMetadataRollover() {}

  /** LeRobot's {@code metadata_buffer_size} default. */
  static final int BUFFER = 10;

  /**
   * @param lengths frames per episode, in episode order
   * @param bytesPerRow the size an episode row adds to a metadata file
   * @param limitBytes {@code data_files_size_in_mb} in bytes
   * @return for each episode, the ordinal of its file (0, 1, 2, ...)
   */
  static int[] files(long[] lengths, double bytesPerRow, double limitBytes) {
    int[] out = new int[lengths.length];
    int file = 0;
    long flushed = 0; // rows of the current file already on disk
    int buffered = 0;
    for (int i = 0; i < lengths.length; i++) {
      if (i > 0 && flushed > 0) {
        double size = flushed * bytesPerRow;
        double perFrame = i - 1 > 0 ? size / (i - 1) : 0;
        if (size + perFrame * lengths[i] >= limitBytes) {
          file++;
          flushed = 0;
          buffered = 0;
        }
      }
      out[i] = file;
      if (++buffered >= BUFFER) {
        flushed += buffered;
        buffered = 0;
      }
    }
    return out;
  }
}
