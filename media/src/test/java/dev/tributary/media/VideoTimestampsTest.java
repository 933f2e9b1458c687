package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoTimestampsTest {
  @TempDir Path dir;

  @Test
  void everyFramesTimeIsReadAndSkippedIndexesLeaveGaps() throws Exception {
    Path file = dir.resolve("gaps.mp4");
    try (H264Mp4Writer writer = new H264Mp4Writer(file, 64, 48, 30)) {
      YuvImage image = new YuvImage(64, 48);
      for (int i = 0; i < 60; i++) {
        if (i == 10 || i == 11 || i == 40) {
          continue; // a camera that dropped three frames
        }
        image.fill(YuvImage.color(i * 4, 100, 100));
        writer.write(image, i);
      }
      writer.finish();
    }

    VideoTimestamps t = VideoTimestamps.read(file);

    assertThat(t.codec()).isEqualTo("h264");
    assertThat(t.frameRate()).isEqualTo(30.0);
    assertThat(t.frameCount()).isEqualTo(57);
    double[] s = t.presentationSeconds();
    assertThat(s[0]).isZero();
    assertThat(s[9]).isCloseTo(9 / 30.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(s[10] - s[9]).isCloseTo(3 / 30.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(s[56]).isCloseTo(59 / 30.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void aFileThatIsNotAVideoGetsAOneLineReason() throws Exception {
    Path junk = dir.resolve("junk.mp4");
    Files.writeString(junk, "not a video");

    assertThatThrownBy(() -> VideoTimestamps.read(junk))
        .isInstanceOf(MediaException.class)
        .hasMessageStartingWith("FFmpeg cannot open the video")
        .hasMessageNotContaining("\n");
  }
}
