package dev.tributary.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyframePairsTest {
  /** Ticks of {@code seconds * fps} frames at 1 tick per frame, a keyframe every {@code gop}. */
  private static long[] frames(int count) {
    long[] f = new long[count];
    for (int i = 0; i < count; i++) {
      f[i] = i;
    }
    return f;
  }

  private static long[] keys(int count, int gop) {
    long[] k = new long[(count + gop - 1) / gop];
    for (int i = 0; i < k.length; i++) {
      k[i] = (long) i * gop;
    }
    return k;
  }

  @Test
  void anEightSecondVideoWithAKeyframeEveryTwoSecondsIsSampledAfterEachKeyframe() {
    // 8 s at 15 fps, a keyframe every 30 frames: 4 keyframes, 12 decoded frames against 64
    long[] targets = KeyframePairs.targets(frames(120), keys(120, 30), 0, 120, 8, 64);
    assertThat(targets).containsExactly(1, 2, 31, 32, 61, 62, 91, 92);
  }

  @Test
  void theGridStaysWhenTheKeyframesCannotCarryTheFrozenCheck() {
    // 5 s (75 frames): 3 keyframes 30 frames = 40 % apart, more than 30 %
    assertThat(KeyframePairs.targets(frames(75), keys(75, 30), 0, 75, 8, 40)).isNull();
    // 8 s with a keyframe every 4 s: 2 keyframes
    assertThat(KeyframePairs.targets(frames(120), keys(120, 60), 0, 120, 8, 64)).isNull();
    // a keyframe every second: more than count / 2 (the grid lands on them already)
    assertThat(KeyframePairs.targets(frames(120), keys(120, 15), 0, 120, 8, 8)).isNull();
    // fewer than two frames between keyframes
    assertThat(KeyframePairs.targets(frames(8), keys(8, 2), 0, 8, 8, 16)).isNull();
    // no cheaper than the grid
    assertThat(KeyframePairs.targets(frames(120), keys(120, 30), 0, 120, 8, 12)).isNull();
  }

  @Test
  void aLongStretchWithoutKeyframeAtTheEndKeepsTheGrid() {
    // keyframes at 0, 20, 40 of 100 frames: the last 60 % hold one keyframe
    assertThat(KeyframePairs.targets(frames(100), new long[] {0, 20, 40}, 0, 100, 8, 50)).isNull();
    assertThat(KeyframePairs.targets(frames(100), new long[] {0, 30, 60, 90}, 0, 100, 8, 50))
        .containsExactly(1, 2, 31, 32, 61, 62, 91, 92);
  }
}
