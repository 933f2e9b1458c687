package dev.tributary.catalog.export;

import dev.tributary.media.VideoCodec;

/**
 * How an export writes its files. {@link #defaults()} is what LeRobot's own writer does: AV1 video,
 * data files rolled over at 100 MB and video files at 200 MB ({@code DEFAULT_DATA_FILE_SIZE_IN_MB},
 * {@code DEFAULT_VIDEO_FILE_SIZE_IN_MB}), 1000 files per chunk.
 *
 * @param videoCodec the one encoding of every camera file; sources already in it, on the dataset's
 *     frame grid and sharing one configuration are copied, all others re-encoded
 * @param dataFilesSizeInMb roll data (and episodes-metadata) files over at about this size (written
 *     to info.json; fractions allowed, for tests)
 * @param videoFilesSizeInMb roll camera files over at this size (info.json)
 * @param chunksSize files per {@code chunk-XXX} folder
 * @param encoderThreads SVT-AV1 threads per encode ({@code lp})
 */
public record ExportOptions(
    VideoCodec videoCodec,
    double dataFilesSizeInMb,
    double videoFilesSizeInMb,
    int chunksSize,
    int encoderThreads) {

  public static final double DEFAULT_DATA_FILE_SIZE_IN_MB = 100;
  public static final double DEFAULT_VIDEO_FILE_SIZE_IN_MB = 200;
  public static final int DEFAULT_CHUNK_SIZE = 1000;

  public ExportOptions {
    if (videoCodec == null) {
      throw new ExportException("no video codec given: use av1 or h264");
    }
    if (!(dataFilesSizeInMb > 0) || !(videoFilesSizeInMb > 0) || chunksSize < 1) {
      throw new ExportException(
          "file sizes and chunk size must be positive (LeRobot refuses others), got data "
              + dataFilesSizeInMb
              + " MB, video "
              + videoFilesSizeInMb
              + " MB, chunks "
              + chunksSize);
    }
    encoderThreads = Math.max(1, encoderThreads);
  }

  public static ExportOptions defaults() {
    return new ExportOptions(
        VideoCodec.AV1,
        DEFAULT_DATA_FILE_SIZE_IN_MB,
        DEFAULT_VIDEO_FILE_SIZE_IN_MB,
        DEFAULT_CHUNK_SIZE,
        Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  public ExportOptions withVideoCodec(VideoCodec codec) {
    return new ExportOptions(
        codec, dataFilesSizeInMb, videoFilesSizeInMb, chunksSize, encoderThreads);
  }

  /** Smaller rollover sizes, e.g. to see several files with small test data. */
  public ExportOptions withFileSizes(double dataMb, double videoMb) {
    return new ExportOptions(videoCodec, dataMb, videoMb, chunksSize, encoderThreads);
  }

  long dataFileBytes() {
    return (long) (dataFilesSizeInMb * 1024 * 1024);
  }

  long videoFileBytes() {
    return (long) (videoFilesSizeInMb * 1024 * 1024);
  }

  /** The (chunk, file) after {@code (chunk, file)}: LeRobot's {@code update_chunk_file_indices}. */
  int[] next(int chunk, int file) {
    return file == chunksSize - 1 ? new int[] {chunk + 1, 0} : new int[] {chunk, file + 1};
  }
}
