package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSamplerTest {
  @TempDir Path dir;

  /** 90 frames at 30 fps whose grey level rises with the frame index. */
  private Path rampVideo() throws Exception {
    Path file = dir.resolve("ramp.mp4");
    try (H264Mp4Writer writer = new H264Mp4Writer(file, 160, 120, 30)) {
      YuvImage image = new YuvImage(160, 120);
      for (int i = 0; i < 90; i++) {
        int grey = 20 + 2 * i;
        image.fill(YuvImage.color(grey, grey, grey));
        writer.write(image);
      }
      writer.finish();
    }
    return file;
  }

  @Test
  void samplesAreSpreadOverTheVideoInTimeOrder() throws Exception {
    SampledVideo video = FrameSampler.sample(rampVideo(), 4, 80);

    assertThat(video.codec()).isEqualTo("h264");
    assertThat(video.width()).isEqualTo(160);
    assertThat(video.durationSeconds()).isBetween(2.9, 3.1);
    assertThat(video.frames()).hasSize(4);
    double previousTime = -1;
    int previousLuma = -1;
    for (SampledFrame f : video.frames()) {
      assertThat(f.width()).isEqualTo(80);
      assertThat(f.height()).isEqualTo(60);
      assertThat(f.timeSeconds()).isGreaterThan(previousTime);
      int luma = f.luma(40, 30);
      assertThat(luma).isGreaterThan(previousLuma);
      previousTime = f.timeSeconds();
      previousLuma = luma;
    }
    // The first sample is at 1/8 of 3 s = frame ~11: grey ~42; the last at 7/8 = frame ~79: ~178.
    assertThat(video.frames().get(0).luma(40, 30)).isBetween(30, 55);
    assertThat(video.frames().get(3).luma(40, 30)).isBetween(165, 190);
  }

  @Test
  void aFileThatIsNotAVideoGetsAOneLineReason() throws Exception {
    Path junk = dir.resolve("junk.mp4");
    Files.writeString(junk, "this is not a video");

    assertThatThrownBy(() -> FrameSampler.sample(junk, 3, 64))
        .isInstanceOf(MediaException.class)
        .hasMessageStartingWith("FFmpeg cannot open the video")
        .hasMessageNotContaining("\n");
  }
}
