package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** 8 s at 15 fps, a keyframe every 2 s (the simulator's settings), a different picture each. */
  private Path movingVideo() throws Exception {
    Path file = dir.resolve("moving.mp4");
    try (H264Mp4Writer writer = new H264Mp4Writer(file, 160, 120, 15)) {
      YuvImage image = new YuvImage(160, 120);
      for (int i = 0; i < 120; i++) {
        image.fill(YuvImage.color(40 + i, 200 - i, (7 * i) % 256));
        writer.write(image);
      }
      writer.finish();
    }
    return file;
  }

  @Test
  void samplesDecodedInOnePassEqualEachSampleDecodedAfterItsOwnSeek() throws Exception {
    Path file = movingVideo();
    SampledVideo video = FrameSampler.sample(file, 8, 64);

    assertThat(video.frames()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      SampledFrame alone = FrameSampler.frameAt(file, (i + 0.5) / 8, 64);
      SampledFrame inPass = video.frames().get(i);
      assertThat(inPass.timeSeconds()).isEqualTo(alone.timeSeconds());
      assertThat(inPass.rgb()).isEqualTo(alone.rgb());
    }
    // two samples per 2 s group of pictures, at its quarter and three quarters
    assertThat(video.frames().get(1).timeSeconds()).isCloseTo(1.5, within(0.07));
  }

  @Test
  void samplingWithTimesPutsTheGridOnTheKeyframesAndReadsThePacketTimes() throws Exception {
    Path file = movingVideo();

    TimedSamples both = FrameSampler.sampleWithTimes(file, 8, 64);

    assertThat(both.timestamps()).isEqualTo(VideoTimestamps.read(file));
    List<SampledFrame> frames = both.sampled().frames();
    assertThat(frames).hasSize(8);
    for (int i = 0; i < 8; i++) {
      // one sample per second, on the keyframes at 0, 2, 4 and 6 s and half way between them
      assertThat(frames.get(i).timeSeconds()).isCloseTo(i, within(1e-6));
      SampledFrame alone = FrameSampler.frameAt(file, i / 8.0, 64);
      assertThat(frames.get(i).rgb()).isEqualTo(alone.rgb());
    }
  }

  @Test
  void moreSamplesThanFramesRepeatTheNearestFrame() throws Exception {
    Path file = dir.resolve("short.mp4");
    try (H264Mp4Writer writer = new H264Mp4Writer(file, 64, 48, 15)) {
      YuvImage image = new YuvImage(64, 48);
      for (int i = 0; i < 3; i++) {
        image.fill(YuvImage.color(60 * i + 20, 60 * i + 20, 60 * i + 20));
        writer.write(image);
      }
      writer.finish();
    }

    SampledVideo video = FrameSampler.sample(file, 8, 64);

    assertThat(video.frames()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      SampledFrame alone = FrameSampler.frameAt(file, (i + 0.5) / 8, 64);
      assertThat(video.frames().get(i).rgb()).isEqualTo(alone.rgb());
    }
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
