package dev.tributary.catalog.export;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
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
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/** Decodes an MP4 fully and returns the presentation time (seconds) of every decoded frame. */
final class Mp4FrameCounter {
  private Mp4FrameCounter() {}

  static List<Double> frameTimes(Path file) throws IOException {
    AVFormatContext in = new AVFormatContext(null);
    Mp4Appender.check(avformat_open_input(in, file.toString(), null, null), "open " + file);
    List<Double> times = new ArrayList<>();
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      Mp4Appender.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "probe");
      int index = av_find_best_stream(in, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      Mp4Appender.check(index, "find video");
      var stream = in.streams(index);
      AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
      codec = avcodec_alloc_context3(decoder);
      Mp4Appender.check(avcodec_parameters_to_context(codec, stream.codecpar()), "params");
      Mp4Appender.check(avcodec_open2(codec, decoder, (PointerPointer<?>) null), "open decoder");
      double tb = av_q2d(stream.time_base());
      while (av_read_frame(in, packet) >= 0) {
        if (packet.stream_index() == index) {
          Mp4Appender.check(avcodec_send_packet(codec, packet), "decode");
          receive(codec, frame, tb, times);
        }
        av_packet_unref(packet);
      }
      avcodec_send_packet(codec, null);
      receive(codec, frame, tb, times);
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(in);
    }
    return times;
  }

  private static void receive(AVCodecContext codec, AVFrame frame, double tb, List<Double> times)
      throws IOException {
    while (true) {
      int ret = avcodec_receive_frame(codec, frame);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      Mp4Appender.check(ret, "receive frame");
      times.add(frame.best_effort_timestamp() * tb);
    }
  }
}
