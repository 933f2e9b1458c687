package dev.tributary.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The presentation times (stream ticks) of every packet of a stream and of its keyframes, read from
 * the container without decoding.
 *
 * @param sortedTicks every frame's time, ascending (decode order differs with B frames)
 * @param keyTicks the keyframes' times, ascending
 */
record PacketScan(long[] sortedTicks, long[] keyTicks) {

  /** Reads the packets of the input's stream from where it stands (the start, once opened). */
  static PacketScan read(VideoInput input) {
    AVPacket packet = av_packet_alloc();
    try {
      long[] ticks = new long[256];
      long[] keys = new long[16];
      int n = 0;
      int k = 0;
      while (av_read_frame(input.format, packet) >= 0) {
        try {
          if (packet.stream_index() != input.streamIndex) {
            continue;
          }
          long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
          if (t == AV_NOPTS_VALUE) {
            continue;
          }
          if (n == ticks.length) {
            ticks = Arrays.copyOf(ticks, n * 2);
          }
          ticks[n++] = t;
          if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) {
            if (k == keys.length) {
              keys = Arrays.copyOf(keys, k * 2);
            }
            keys[k++] = t;
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      long[] sorted = Arrays.copyOf(ticks, n);
      Arrays.sort(sorted);
      long[] sortedKeys = Arrays.copyOf(keys, k);
      Arrays.sort(sortedKeys);
      return new PacketScan(sorted, sortedKeys);
    } finally {
      av_packet_free(packet);
    }
  }
}
