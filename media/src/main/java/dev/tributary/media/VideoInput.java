package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An opened container and its best video stream: the opening every reader in this package shares.
 * {@link #close()} frees the FFmpeg state. Not thread-safe.
 */
final class VideoInput implements AutoCloseable {
  final AVFormatContext format;
  final int streamIndex;
  final AVStream stream;

  private VideoInput(AVFormatContext format, int streamIndex) {
    this.format = format;
    this.streamIndex = streamIndex;
    this.stream = format.streams(streamIndex);
  }

  /**
   * @throws MediaException with a one-line reason when the file cannot be opened or read, or has no
   *     video stream
   */
  static VideoInput open(Path file) throws MediaException {
    AVFormatContext in = new AVFormatContext(null);
    FrameSampler.check(avformat_open_input(in, file.toString(), null, null), "open the video");
    try {
      FrameSampler.check(
          avformat_find_stream_info(in, (PointerPointer<?>) null), "read the stream info");
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      FrameSampler.check(index, "find a video stream");
      return new VideoInput(in, index);
    } catch (MediaException | RuntimeException e) {
      avformat_close_input(in);
      throw e;
    }
  }

  @Override
  public void close() {
    avformat_close_input(format);
  }
}
