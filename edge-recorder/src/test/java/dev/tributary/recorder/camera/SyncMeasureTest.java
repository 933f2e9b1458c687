package dev.tributary.recorder.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.CameraSync;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncMeasureTest {
  private static final long MS = 1_000_000L;

  @Test
  void eachFrameIsMeasuredAgainstItsNearestSampleOnEitherSide() {
    long[] samples = {0, 33 * MS, 66 * MS, 100 * MS};
    long[] frames = {-5 * MS, 10 * MS, 30 * MS, 50 * MS, 99 * MS, 140 * MS};

    CameraSync sync = SyncMeasure.of(frames, samples);

    // errors: 5, 10, 3, 16 (50 is 17 from 33 and 16 from 66), 1, 40
    assertThat(sync.getFrames()).isEqualTo(6);
    assertThat(sync.getMedianMicros()).isEqualTo(5_000); // lower median of 1,3,5,10,16,40
    assertThat(sync.getP95Micros()).isEqualTo(40_000);
    assertThat(sync.getMaxMicros()).isEqualTo(40_000);
    assertThat(SyncMeasure.describe(sync))
        .isEqualTo("median 5.0 ms, p95 40.0 ms, max 40.0 ms over 6 frames");
  }

  @Test
  void twoFreeRunning30HzClocksAreAtMostHalfAPeriodApart() {
    long period = 1_000_000_000L / 30;
    long[] samples = new long[300];
    long[] frames = new long[299]; // each between two samples
    for (int i = 0; i < 300; i++) {
      samples[i] = i * period;
      if (i < 299) {
        frames[i] = i * period + (i * 7_919_000L) % period; // any phase, drifting
      }
    }
    CameraSync sync = SyncMeasure.of(frames, samples);
    assertThat(sync.getMaxMicros()).isLessThanOrEqualTo(period / 2 / 1000);
    assertThat(sync.getMedianMicros()).isBetween(5_000L, 11_000L);
  }

  @Test
  void nothingToMeasureWithoutFramesOrSamples() {
    assertThat(SyncMeasure.of(new long[0], new long[] {1})).isNull();
    assertThat(SyncMeasure.of(new long[] {1}, new long[0])).isNull();
  }

  @Test
  void cameraEntriesAreParsedAndBadOnesNamed() {
    assertThat(CameraSource.parse(List.of("top=/dev/video0", "wrist=video=USB Camera")))
        .containsExactly(
            new CameraSource("top", "/dev/video0"), new CameraSource("wrist", "video=USB Camera"));
    assertThat(new CameraSource("top", "0").key()).isEqualTo("observation.images.top");
    assertThatThrownBy(() -> CameraSource.parse(List.of("/dev/video0")))
        .hasMessageContaining("not NAME=DEVICE");
    assertThatThrownBy(() -> CameraSource.parse(List.of("top=a", "top=b")))
        .hasMessageContaining("configured twice");
    assertThatThrownBy(() -> CameraSource.parse(List.of("my cam=a")))
        .hasMessageContaining("letters, digits");
  }
}
