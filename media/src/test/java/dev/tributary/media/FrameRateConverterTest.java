package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameRateConverterTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(VideoCodec.class)
  void theWriterPutsFrameKAtExactlyKOverFps(VideoCodec codec) throws Exception {
    Path file = dir.resolve("out.mp4");
    try (ConstantRateVideoWriter writer = new ConstantRateVideoWriter(file, codec, 64, 64, 50, 1)) {
      YuvImage image = new YuvImage(64, 64);
      for (int i = 0; i < 12; i++) {
        image.fill(YuvImage.color(20 * i, 20 * i, 20 * i));
        writer.write(image);
      }
      assertThat(writer.finish()).isEqualTo(12);
    }
    VideoTimestamps times = VideoTimestamps.read(file);
    assertThat(times.codec()).isEqualTo(codec.codecName());
    assertThat(times.frameCount()).isEqualTo(12);
    for (int k = 0; k < 12; k++) {
      assertThat(times.presentationSeconds()[k]).isCloseTo(k / 50.0, within(1e-6));
    }
  }

  @Test
  void aHalfRateSourceIsRepeatedOntoTheGridAndAShortOneHoldsItsLastFrame() throws Exception {
    Path source = dir.resolve("15fps.mp4");
    try (H264Mp4Writer writer = new H264Mp4Writer(source, 64, 48, 15)) {
      YuvImage image = new YuvImage(64, 48);
      for (int i = 0; i < 10; i++) {
        image.fill(YuvImage.color(20 + 20 * i, 20 + 20 * i, 20 + 20 * i));
        writer.write(image);
      }
      writer.finish();
    }
    Path out = dir.resolve("30fps.mp4");
    FrameRateConverter.Result result;
    try (ConstantRateVideoWriter writer =
        new ConstantRateVideoWriter(out, VideoCodec.H264, 64, 48, 30, 1)) {
      result = FrameRateConverter.convert(source, 30, 24, writer);
      writer.finish();
    }
    assertThat(result.sourceFrames()).isEqualTo(10);
    assertThat(result.held()).isEqualTo(4);
    assertThat(result.unused()).isZero();
    VideoTimestamps times = VideoTimestamps.read(out);
    assertThat(times.frameCount()).isEqualTo(24);
    assertThat(times.presentationSeconds()[23]).isCloseTo(23 / 30.0, within(1e-6));
    // output frame 2k and 2k+1 both show source frame k (luma rising 20 per source frame)
    try (VideoFrameReader reader = VideoFrameReader.open(out, 64, 48)) {
      double[] luma = new double[24];
      for (int k = 0; reader.next(); k++) {
        luma[k] = reader.image().meanLuma();
      }
      assertThat(luma[3] - luma[1]).isGreaterThan(10);
      assertThat(Math.abs(luma[22] - luma[23])).isLessThan(3);
    }
  }
}
