package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lavfi test picture standing in for a camera, written at its capture times. */
class CaptureDeviceTest {
  @TempDir Path dir;

  @Test
  void framesArriveAtTheSourceRateAndTheVideoKeepsTheirCaptureTimes() throws Exception {
    int frames = 20;
    long[] arrivals = new long[frames];
    Path file = dir.resolve("top.mp4");
    try (CaptureDevice camera =
            CaptureDevice.open("lavfi", "testsrc2=size=320x240:rate=30", Map.of(), 160, 120);
        CapturedVideoWriter video = new CapturedVideoWriter(file, 160, 120, 30)) {
      for (int i = 0; i < frames; i++) {
        assertThat(camera.next()).isTrue();
        arrivals[i] = camera.arrivalNanos();
        assertThat(camera.image().width()).isEqualTo(160);
        video.write(camera.image(), arrivals[i]);
      }
      assertThat(video.finish()).isEqualTo(frames);
    }
    // Paced like a 30 fps camera: never faster than real time over the take. (Gaps between single
    // frames are no measure on a loaded machine: after a stall the realtime filter lets the frames
    // it owes through in a burst.)
    assertThat(arrivals[frames - 1] - arrivals[0])
        .as("paced like a 30 fps camera")
        .isGreaterThanOrEqualTo((long) ((frames - 1) * 1e9 / 30 * 0.9));

    double[] pts = VideoTimestamps.read(file).presentationSeconds();
    assertThat(pts).hasSize(frames);
    for (int i = 0; i < frames; i++) {
      assertThat(pts[i])
          .as("frame %d at its capture time", i)
          .isCloseTo((arrivals[i] - arrivals[0]) / 1e9, within(2e-5));
    }
  }

  @Test
  void aFiniteSourceEndsAndAMissingDeviceIsNamed() throws Exception {
    try (CaptureDevice camera =
        CaptureDevice.open("lavfi", "testsrc2=size=64x48:rate=30:duration=0.2", Map.of(), 64, 48)) {
      int n = 0;
      while (camera.next()) {
        n++;
      }
      assertThat(n).isEqualTo(6);
    }
    assertThatThrownBy(() -> CaptureDevice.open("v4l2", "/dev/video-none", Map.of(), 64, 48))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("v4l2 /dev/video-none");
    assertThatThrownBy(() -> CaptureDevice.open("nosuchformat", "x", Map.of(), 64, 48))
        .hasMessageContaining("no nosuchformat capture format");
  }
}
