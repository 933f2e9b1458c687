package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The slow path of {@link Mp4SegmentCutter}: decodes buffered packets (starting at a keyframe) and
 * re-encodes the frames inside a time range to H.264 at even dimensions.
 */
final class SegmentReencoder {
  private SegmentReencoder() {}

  static int reencode(
      AVStream stream, List<AVPacket> packets, double from, double to, double fps, Path output)
      throws MediaException {
    String codecName = avcodec_get_name(stream.codecpar().codec_id()).getString();
    AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new MediaException(
          "this FFmpeg build cannot decode "
              + codecName
              + " and the episode does not start on a keyframe, so it cannot be cut losslessly");
    }
    int width = stream.codecpar().width() & ~1;
    int height = stream.codecpar().height() & ~1;
    if (width < 2 || height < 2) {
      throw new MediaException("the video has no usable size");
    }
    double tb = av_q2d(stream.time_base());
    AVCodecContext codec = avcodec_alloc_context3(decoder);
    AVFrame frame = av_frame_alloc();
    try (H264Mp4Writer writer =
            new H264Mp4Writer(output, width, height, (int) Math.max(1, Math.round(fps)));
        YuvScaler scaler = new YuvScaler(width, height)) {
      FrameSampler.check(
          avcodec_parameters_to_context(codec, stream.codecpar()), "configure the decoder");
      codec.thread_count(1);
      FrameSampler.check(
          avcodec_open2(codec, decoder, (PointerPointer<?>) null),
          "open the " + codecName + " decoder");
      Encoder encoder = new Encoder(writer, scaler, from, to, tb);
      for (AVPacket p : packets) {
        int ret;
        while ((ret = avcodec_send_packet(codec, p)) == AVERROR_EAGAIN()) {
          encoder.drain(codec, frame);
        }
        FrameSampler.check(ret, "decode " + codecName);
        encoder.drain(codec, frame);
      }
      avcodec_send_packet(codec, null);
      encoder.drain(codec, frame);
      return writer.finish();
    } catch (IOException e) {
      throw new MediaException(e.getMessage());
    } finally {
      av_frame_free(frame);
      avcodec_free_context(codec);
    }
  }

  /** Converts decoded frames inside the range to YUV 4:2:0 and hands them to the writer. */
  private record Encoder(
      H264Mp4Writer writer, YuvScaler scaler, double from, double to, double tb) {

    void drain(AVCodecContext codec, AVFrame frame) throws MediaException {
      while (true) {
        int ret = avcodec_receive_frame(codec, frame);
        if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
          return;
        }
        FrameSampler.check(ret, "decode a frame");
        try {
          long ts = frame.best_effort_timestamp();
          double t = ts == AV_NOPTS_VALUE ? Double.NaN : ts * tb;
          if (t >= from && t < to) {
            writer.write(scaler.scale(frame));
          }
        } catch (IOException e) {
          throw new MediaException(e.getMessage());
        } finally {
          av_frame_unref(frame);
        }
      }
    }
  }
}
