package dev.tributary.recorder.testing;

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
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** Demuxes and decodes an MP4 with FFmpeg's own decoders, the way a player would. */
public final class Mp4Probe {
  /** What decoding found. */
  public record Result(
      String codec,
      int width,
      int height,
      int decodedFrames,
      double meanLumaOfLastFrame,
      int packets,
      long streamFrames) {}

  private Mp4Probe() {}

  public static Result decode(Path file) {
    AVFormatContext format = new AVFormatContext(null);
    if (avformat_open_input(format, file.toString(), null, null) < 0) {
      throw new IllegalStateException("cannot open " + file);
    }
    AVCodecContext codec = null;
    AVPacket packet = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      if (avformat_find_stream_info(format, (AVDictionary) null) < 0) {
        throw new IllegalStateException("no stream info in " + file);
      }
      int videoStream = -1;
      for (int i = 0; i < format.nb_streams(); i++) {
        if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          videoStream = i;
        }
      }
      if (videoStream < 0) {
        throw new IllegalStateException("no video stream in " + file);
      }
      AVCodec decoder = avcodec_find_decoder(format.streams(videoStream).codecpar().codec_id());
      codec = avcodec_alloc_context3(decoder);
      avcodec_parameters_to_context(codec, format.streams(videoStream).codecpar());
      if (avcodec_open2(codec, decoder, (AVDictionary) null) < 0) {
        throw new IllegalStateException("cannot open decoder " + decoder.name().getString());
      }
      int frames = 0;
      int packets = 0;
      double luma = 0;
      while (av_read_frame(format, packet) >= 0) {
        if (packet.stream_index() == videoStream) {
          packets++;
          int sent;
          while ((sent = avcodec_send_packet(codec, packet)) == AVERROR_EAGAIN()) {
            // The decoder's output is full: drain it, then the packet goes in.
            while (avcodec_receive_frame(codec, frame) == 0) {
              frames++;
              luma = meanLuma(frame);
            }
          }
          if (sent < 0) {
            throw new IllegalStateException("decoder refused packet " + packets + ": " + sent);
          }
          while (avcodec_receive_frame(codec, frame) == 0) {
            frames++;
            luma = meanLuma(frame);
          }
        }
        av_packet_unref(packet);
      }
      avcodec_send_packet(codec, null);
      int ret;
      while ((ret = avcodec_receive_frame(codec, frame)) == 0) {
        frames++;
        luma = meanLuma(frame);
      }
      if (ret != AVERROR_EOF && ret != AVERROR_EAGAIN()) {
        throw new IllegalStateException("decoder error " + ret);
      }
      return new Result(
          avcodec_get_name(codec.codec_id()).getString(),
          codec.width(),
          codec.height(),
          frames,
          luma,
          packets,
          format.streams(videoStream).nb_frames());
    } finally {
      av_frame_free(frame);
      av_packet_free(packet);
      if (codec != null) {
        avcodec_free_context(codec);
      }
      avformat_close_input(format);
    }
  }

  private static double meanLuma(AVFrame frame) {
    int w = frame.width();
    int h = frame.height();
    int stride = frame.linesize(0);
    byte[] row = new byte[w];
    long sum = 0;
    for (int y = 0; y < h; y++) {
      frame.data(0).position((long) y * stride).get(row);
      for (byte b : row) {
        sum += b & 0xff;
      }
    }
    frame.data(0).position(0);
    return (double) sum / (w * (double) h);
  }
}
