package dev.tributary.catalog.lerobot;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video file decoded fully, as LeRobot's pyav reader sees it: the presentation time ({@code pts *
 * time_base}, not rebased) of every decoded frame, sorted, plus codec and size.
 */
record DecodedVideo(String codec, int width, int height, double[] frameSeconds) {

  static DecodedVideo decode(Path file) throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    check(avformat_open_input(in, file.toString(), null, null), "open " + file);
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    double[] times = new double[64];
    int[] n = {0};
    try {
      check(avformat_find_stream_info(in, (PointerPointer<?>) null), "probe");
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      check(index, "find video");
      var stream = in.streams(index);
      AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
      if (decoder == null || decoder.isNull()) {
        throw new IOException("no decoder for " + file);
      }
      codec = avcodec_alloc_context3(decoder);
      check(avcodec_parameters_to_context(codec, stream.codecpar()), "params");
      check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open decoder");
      double tb = av_q2d(stream.time_base());
      while (av_read_frame(in, packet) >= 0) {
        if (packet.stream_index() == index) {
          check(avcodec_send_packet(codec, packet), "decode");
          times = receive(codec, frame, tb, times, n);
        }
        av_packet_unref(packet);
      }
      avcodec_send_packet(codec, null);
      times = receive(codec, frame, tb, times, n);
      double[] sorted = Arrays.copyOf(times, n[0]);
      Arrays.sort(sorted);
      return new DecodedVideo(
          avcodec_get_name(stream.codecpar().codec_id()).getString(),
          stream.codecpar().width(),
          stream.codecpar().height(),
          sorted);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(in);
    }
  }

  /** Distance from {@code t} to the nearest decoded frame time. */
  double distanceToNearestFrame(double t) {
    int i = Arrays.binarySearch(frameSeconds, t);
    if (i >= 0) {
      return 0;
    }
    int at = -i - 1;
    double best = Double.POSITIVE_INFINITY;
    if (at < frameSeconds.length) {
      best = frameSeconds[at] - t;
    }
    if (at > 0) {
      best = Math.min(best, t - frameSeconds[at - 1]);
    }
    return best;
  }

  private static double[] receive(
      AVCodecContext codec, AVFrame frame, double tb, double[] times, int[] n) throws IOException {
    while (true) {
      int ret = avcodec_receive_frame(codec, frame);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return times;
      }
      check(ret, "receive frame");
      if (n[0] == times.length) {
        times = Arrays.copyOf(times, n[0] * 2);
      }
      times[n[0]++] = frame.pts() * tb;
    }
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException("FFmpeg: cannot " + what + " (" + ret + ")");
    }
  }
}
