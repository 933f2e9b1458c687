package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
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
    return open(file, false);
  }

  /**
   * Like {@link #open(Path)}, but an MP4 whose header already gives the video stream's codec, size
   * and time base is not probed further: {@code avformat_find_stream_info} opens a decoder of its
   * own and decodes the first frame(s) to learn the pixel format, ~8 ms for a 640x480 AV1 keyframe
   * with libaom, and nothing the sampler uses depends on it (the sampler's decoder reads the codec
   * parameters from the header; packet times, keyframe flags, duration and the frame rate come from
   * the MP4 tables). Other containers, or an MP4 whose header lacks one of these, are probed as in
   * {@link #open(Path)}.
   */
  static VideoInput openHeaderOnly(Path file) throws MediaException {
    return open(file, true);
  }

  private static VideoInput open(Path file, boolean headerOnly) throws MediaException {
    AVFormatContext in = new AVFormatContext(null);
    FrameSampler.check(avformat_open_input(in, file.toString(), null, null), "open the video");
    try {
      if (!(headerOnly && headerSuffices(in))) {
        FrameSampler.check(
            avformat_find_stream_info(in, (PointerPointer<?>) null), "read the stream info");
      }
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      FrameSampler.check(index, "find a video stream");
      return new VideoInput(in, index);
    } catch (MediaException | RuntimeException e) {
      avformat_close_input(in);
      throw e;
    }
  }

  /** An MP4 (mov demuxer) with a video stream whose codec, size and time base are known. */
  private static boolean headerSuffices(AVFormatContext in) {
    if (in.iformat() == null || in.iformat().name() == null) {
      return false;
    }
    if (!in.iformat().name().getString().startsWith("mov,mp4")) {
      return false;
    }
    int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
    if (index < 0) {
      return false;
    }
    AVStream s = in.streams(index);
    return s.codecpar().codec_id() != AV_CODEC_ID_NONE
        && s.codecpar().width() > 0
        && s.codecpar().height() > 0
        && s.time_base().num() > 0
        && s.time_base().den() > 0;
  }

  @Override
  public void close() {
    avformat_close_input(format);
  }
}
