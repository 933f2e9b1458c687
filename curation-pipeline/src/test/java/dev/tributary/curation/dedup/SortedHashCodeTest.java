package dev.tributary.curation.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sample windows' code gives back every hash bit for bit, in fewer bytes than 4 per hash for a
 * bottom-k set, and blobs written before it (4 bytes per hash) still read.
 */
class SortedHashCodeTest {

  private static int[] roundTrip(int[] values, int[] bytesWritten) {
    ByteBuffer out = ByteBuffer.allocate(SortedHashCode.bytes(values) + 3);
    out.put((byte) 9); // something before
    SortedHashCode.write(values, out);
    bytesWritten[0] = out.position() - 1;
    out.put((byte) 7).put((byte) 7); // and after
    ByteBuffer in = ByteBuffer.wrap(out.array(), 0, out.position());
    in.position(1);
    int[] back = SortedHashCode.read(in);
    assertThat(in.position()).isEqualTo(1 + bytesWritten[0]);
    return back;
  }

  /** The k smallest of m random unsigned 32-bit hashes, as the windows keep them. */
  private static int[] bottomK(SplittableRandom random, int m, int k) {
    TreeSet<Long> all = new TreeSet<>();
    while (all.size() < m) {
      all.add(random.nextLong() >>> 32);
    }
    return all.stream().limit(k).mapToInt(Long::intValue).toArray();
  }

  @Test
  void everyValueComesBackAndABottomKSetTakesAbout26BitsPerHash() {
    SplittableRandom random = new SplittableRandom(16);
    int[] written = new int[1];
    long bytes = 0;
    for (int i = 0; i < 500; i++) {
      int[] values = bottomK(random, 300, SampleWindows.K);
      assertThat(roundTrip(values, written)).containsExactly(values);
      assertThat(written[0]).isEqualTo(SortedHashCode.bytes(values));
      bytes += written[0];
    }
    double bitsPerHash = 8.0 * bytes / (500.0 * SampleWindows.K);
    assertThat(bitsPerHash).isBetween(24.0, 28.0);
  }

  @Test
  void edgeCasesComeBack() {
    int[] written = new int[1];
    int[][] cases = {
      {},
      {0},
      {-1}, // 0xFFFFFFFF
      {0, 1, 2, 3},
      {0, -1},
      {5, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE, -2, -1},
    };
    for (int[] values : cases) {
      assertThat(roundTrip(values, written)).as(Arrays.toString(values)).containsExactly(values);
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      int[] values = bottomK(random, 1 + random.nextInt(5000), 1 + random.nextInt(40));
      assertThat(roundTrip(values, written)).containsExactly(values);
    }
  }

  @Test
  void truncatedBytesReadAsNothingAndUnsortedValuesAreRefused() {
    int[] values = bottomK(new SplittableRandom(5), 300, SampleWindows.K);
    ByteBuffer out = ByteBuffer.allocate(SortedHashCode.bytes(values));
    SortedHashCode.write(values, out);
    byte[] cut = Arrays.copyOf(out.array(), out.capacity() - 3);
    assertThat(SortedHashCode.read(ByteBuffer.wrap(cut))).isNull();
    assertThatThrownBy(() -> SortedHashCode.bytes(new int[] {3, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SortedHashCode.bytes(new int[] {-1, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowsWrittenBeforeTheCodeStillRead() {
    double[][] values = new double[2][40];
    for (int i = 0; i < 40; i++) {
      values[0][i] = Math.sin(i / 5.0);
      values[1][i] = Math.cos(i / 7.0);
    }
    CoarseTrajectory plain =
        CoarseTrajectory.of(values, 10, new double[] {20, 20}, new double[] {255, 255});
    int[] exact = {3, 70_000, -5};
    ByteBuffer old =
        ByteBuffer.allocate(plain.blob().length + 3 + 4 * exact.length + 1)
            .order(ByteOrder.LITTLE_ENDIAN);
    old.put(plain.blob()).put(SampleWindows.MAGIC_PLAIN).put((byte) 2).put((byte) exact.length);
    for (int h : exact) {
      old.putInt(h);
    }
    old.put((byte) 0);
    CoarseTrajectory read = new CoarseTrajectory(old.array());

    assertThat(read.windows()).isNotNull();
    assertThat(read.windows().toString()).isEqualTo("irregular clock, 3 exact, 0 half");
    assertThat(read.windows().shared(read.windows())).isEqualTo(3);
    assertThat(read.windowBytes()).isEqualTo(3 + 4 * exact.length + 1);
  }
}
