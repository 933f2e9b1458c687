package dev.tributary.media;

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
import static org.bytedeco.ffmpeg.global.avdevice.avdevice_register_all;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A live video source opened through one of FFmpeg's capture devices by input format name: {@code
 * v4l2} (Linux), {@code avfoundation} (macOS), {@code dshow} (Windows), or {@code lavfi} (a
 * generated test picture standing in for a camera). {@link #next()} blocks until the device hands
 * over its next frame and notes the moment on {@code System.nanoTime()}: the frame's capture time
 * as the recorder sees it (the device's own timestamps are in a clock of the driver's choosing and
 * are not used). Frames come out as YUV 4:2:0 at the size asked for. Not thread-safe: one reading
 * thread.
 */
public final class CaptureDevice implements AutoCloseable {
  private static boolean registered;

  private final String description;
  private final YuvScaler scaler;
  private AVFormatContext format;
  private AVCodecContext decoder;
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame frame = av_frame_alloc();
  private final int streamIndex;
  private long arrivalNanos;

  private CaptureDevice(
      String description, AVFormatContext format, int streamIndex, int width, int height)
      throws MediaException {
    this.description = description;
    this.format = format;
    this.streamIndex = streamIndex;
    this.scaler = new YuvScaler(width, height);
  }

  /** Loads libavdevice's formats once; fails with the native library's reason where it cannot. */
  static synchronized void registerDevices() {
    if (!registered) {
      avdevice_register_all();
      registered = true;
    }
  }

  /**
   * Opens {@code device} (e.g. {@code /dev/video0}, {@code 0}, {@code video=USB Camera}, a lavfi
   * graph) with the input format's options (e.g. {@code video_size}, {@code framerate}).
   *
   * @throws MediaException with a one-line reason (no such format here, device missing or busy, no
   *     video stream, no decoder)
   */
  public static CaptureDevice open(
      String inputFormat, String device, Map<String, String> options, int width, int height)
      throws MediaException {
    registerDevices();
    if (inputFormat.equals("lavfi") && !device.contains("realtime")) {
      // A generated picture comes as fast as it is read; a camera delivers at its rate.
      device = device + ",realtime";
    }
    String description = inputFormat + " " + device;
    AVInputFormat input = av_find_input_format(inputFormat);
    if (input == null || input.isNull()) {
      throw new MediaException("this FFmpeg build has no " + inputFormat + " capture format");
    }
    AVFormatContext context = new AVFormatContext(null);
    AVDictionary dict = new AVDictionary(null);
    try {
      options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
      FrameSampler.check(avformat_open_input(context, device, input, dict), "open " + description);
    } finally {
      av_dict_free(dict);
    }
    CaptureDevice opened = null;
    try {
      int index = -1;
      for (int i = 0; i < context.nb_streams(); i++) {
        if (context.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        throw new MediaException(description + " delivers no video stream");
      }
      opened = new CaptureDevice(description, context, index, width, height);
      opened.openDecoder();
      return opened;
    } catch (MediaException | RuntimeException e) {
      if (opened != null) {
        opened.close();
      } else {
        avformat_close_input(context);
      }
      throw e;
    }
  }

  private void openDecoder() throws MediaException {
    var parameters = format.streams(streamIndex).codecpar();
    AVCodec codec = avcodec_find_decoder(parameters.codec_id());
    if (codec == null || codec.isNull()) {
      throw new MediaException(description + ": no decoder for its codec " + parameters.codec_id());
    }
    decoder = avcodec_alloc_context3(codec);
    FrameSampler.check(
        avcodec_parameters_to_context(decoder, parameters), "set up the decoder of " + description);
    FrameSampler.check(avcodec_open2(decoder, codec, (AVDictionary) null), "open the decoder");
  }

  /**
   * Waits for the device's next frame, decodes it into {@link #image()} and notes its arrival in
   * {@link #arrivalNanos()}.
   *
   * @return false when the source ended (a finite lavfi graph; a device that closed its stream)
   * @throws MediaException when the device fails (unplugged: a read error)
   */
  public boolean next() throws MediaException {
    while (true) {
      int read = av_read_frame(format, packet);
      long arrived = System.nanoTime();
      if (read == AVERROR_EOF) {
        return false;
      }
      if (read == AVERROR_EAGAIN()) {
        continue; // a non-blocking device with nothing yet
      }
      FrameSampler.check(read, "read a frame from " + description);
      try {
        if (packet.stream_index() != streamIndex) {
          continue;
        }
        FrameSampler.check(
            avcodec_send_packet(decoder, packet), "decode a frame of " + description);
      } finally {
        av_packet_unref(packet);
      }
      int received = avcodec_receive_frame(decoder, frame);
      if (received == AVERROR_EAGAIN()) {
        continue;
      }
      FrameSampler.check(received, "decode a frame of " + description);
      scaler.scale(frame);
      arrivalNanos = arrived;
      return true;
    }
  }

  /** When the last frame was handed over by FFmpeg, on {@code System.nanoTime()}. */
  public long arrivalNanos() {
    return arrivalNanos;
  }

  /** The last frame, converted and scaled; overwritten by the next {@link #next()}. */
  public YuvImage image() {
    return scaler.image();
  }

  @Override
  public void close() {
    if (decoder != null) {
      avcodec_free_context(decoder);
      decoder = null;
    }
    if (format != null) {
      avformat_close_input(format);
      format = null;
    }
    scaler.close();
    av_packet_free(packet);
    av_frame_free(frame);
  }
}
