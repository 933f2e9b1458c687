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

  /**
   * 5 s of 320x240 AV1 at 30 fps with a keyframe every 2 frames (how lerobot-record encodes, with
   * libsvtav1), a different picture each frame.
   */
  private Path leRobotAv1() throws Exception {
    Path file = dir.resolve("lerobot-av1.mp4");
    try (ConstantRateVideoWriter writer =
        new ConstantRateVideoWriter(file, VideoCodec.AV1, 320, 240, 30, 1)) {
      YuvImage image = new YuvImage(320, 240);
      for (int i = 0; i < 150; i++) {
        image.fill(YuvImage.color(40 + i, 200 - i, (7 * i) % 256));
        writer.write(image);
      }
      writer.finish();
    }
    return file;
  }

  @Test
  void onLeRobotsTwoFrameGopEverySampleIsAKeyframeDecodedAlone() throws Exception {
    Path file = leRobotAv1();
    double[] keys;
    try (VideoInput in = VideoInput.open(file)) {
      keys =
          java.util.Arrays.stream(PacketScan.read(in).keyTicks())
              .mapToDouble(t -> t * org.bytedeco.ffmpeg.global.avutil.av_q2d(in.stream.time_base()))
              .toArray();
    }
    assertThat(keys).hasSizeGreaterThan(70); // every other frame

    TimedSamples read = FrameSampler.sampleWithTimes(file, 8, 64);

    assertThat(read.timestamps()).isEqualTo(VideoTimestamps.read(file));
    assertThat(read.decoderThreads()).isEqualTo(1);
    List<SampledFrame> frames = read.sampled().frames();
    assertThat(frames).hasSize(8);
    // one decoded frame per sample (before: the keyframe, the frame after it, often the next
    // keyframe: 2-3 frames per sample)
    assertThat(read.decodedFrames()).isEqualTo(8);
    double slice = 5.0 / 8;
    for (int i = 0; i < 8; i++) {
      double t = frames.get(i).timeSeconds();
      assertThat(java.util.Arrays.stream(keys).anyMatch(k -> Math.abs(k - t) < 1e-6))
          .as("sample %d at %.4f s is on a keyframe", i, t)
          .isTrue();
      if (i > 0) { // still a slice apart, give or take an eighth of a slice at each end
        assertThat(t - frames.get(i - 1).timeSeconds()).isCloseTo(slice, within(slice / 4 + 1e-6));
      }
    }
  }

  @Test
  void anMp4OpenedFromItsHeaderAloneSamplesExactlyWhatAFullProbeSamples() throws Exception {
    for (Path file : List.of(movingVideo(), leRobotAv1())) {
      TimedSamples probed;
      try (VideoInput in = VideoInput.open(file)) {
        probed = FrameSampler.sampleWithTimes(in, 8, 64, 1);
      }
      TimedSamples headerOnly;
      try (VideoInput in = VideoInput.openHeaderOnly(file)) {
        headerOnly = FrameSampler.sampleWithTimes(in, 8, 64, 1);
      }

      assertThat(headerOnly.timestamps()).isEqualTo(probed.timestamps());
      assertThat(headerOnly.decodedFrames()).isEqualTo(probed.decodedFrames());
      assertThat(headerOnly.sampled().width()).isEqualTo(probed.sampled().width());
      assertThat(headerOnly.sampled().durationSeconds())
          .isEqualTo(probed.sampled().durationSeconds());
      for (int i = 0; i < 8; i++) {
        SampledFrame a = headerOnly.sampled().frames().get(i);
        SampledFrame b = probed.sampled().frames().get(i);
        assertThat(a.timeSeconds()).isEqualTo(b.timeSeconds());
        assertThat(a.rgb()).isEqualTo(b.rgb());
      }
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
