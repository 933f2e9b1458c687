package dev.tributary.curation.dedup;

import java.nio.ByteBuffer;

/**
 * A lossless code for an ascending set of distinct unsigned 32-bit values (issue 16, eighth round:
 * {@link SampleWindows}' bottom-k hashes): the gaps between neighbours, Rice-coded. The k smallest
 * of m uniform 32-bit hashes lie below about k/m x 2^32, so their gaps average 2^32/m and need
 * about 34 - log2(m) bits each instead of 32 (a take of 300 moving windows: ~26 bits). Every value
 * comes back bit for bit, so what is compared does not change.
 *
 * <p>Layout: count u8, Rice parameter b u8 (0-31), then per value its gap (the first value itself,
 * then value - previous - 1) as gap >>> b in unary (that many 1 bits, a 0) and its b low bits,
 * least significant bit first, packed little-endian into whole bytes. b is the one of 0-31 that
 * gives the fewest bits.
 */
final class SortedHashCode {
  private SortedHashCode() {}

  /** Bytes {@link #write} writes for these values. */
  static int bytes(int[] sorted) {
    return 2 + (int) ((bits(sorted, parameter(sorted)) + 7) >>> 3);
  }

  static void write(int[] sorted, ByteBuffer out) {
    int b = parameter(sorted);
    out.put((byte) sorted.length).put((byte) b);
    long acc = 0; // bits not yet written, lowest first
    int filled = 0;
    long previous = -1;
    for (int v : sorted) {
      long value = Integer.toUnsignedLong(v);
      long gap = value - previous - 1;
      previous = value;
      for (long q = gap >>> b; q > 0; q--) { // unary: q ones
        acc |= 1L << filled;
        if (++filled == 64) {
          filled = flush(out, acc, filled);
          acc = 0;
        }
      }
      if (++filled == 64) { // the terminating zero
        filled = flush(out, acc, filled);
        acc = 0;
      }
      for (int k = 0; k < b; k++) {
        if ((gap >>> k & 1) != 0) {
          acc |= 1L << filled;
        }
        if (++filled == 64) {
          filled = flush(out, acc, filled);
          acc = 0;
        }
      }
    }
    flush(out, acc, filled);
  }

  /** Writes the whole bytes of the first {@code filled} bits; returns 0. */
  private static int flush(ByteBuffer out, long acc, int filled) {
    for (int k = 0; k < filled; k += 8) {
      out.put((byte) (acc >>> k));
    }
    return 0;
  }

  /**
   * The values written at the buffer's position (which it moves past them), or null when the bytes
   * end first or a value runs past 2^32.
   */
  static int[] read(ByteBuffer in) {
    if (in.remaining() < 2) {
      return null;
    }
    int n = Byte.toUnsignedInt(in.get());
    int b = Byte.toUnsignedInt(in.get());
    if (b > 31) {
      return null;
    }
    int[] out = new int[n];
    int start = in.position();
    long bit = 0; // bits read
    long limit = 8L * in.remaining();
    long previous = -1;
    for (int i = 0; i < n; i++) {
      long q = 0;
      while (true) {
        if (bit >= limit) {
          return null;
        }
        boolean one = (in.get(start + (int) (bit >>> 3)) >>> (bit & 7) & 1) != 0;
        bit++;
        if (!one) {
          break;
        }
        q++;
      }
      long low = 0;
      for (int k = 0; k < b; k++) {
        if (bit >= limit) {
          return null;
        }
        low |= (long) (in.get(start + (int) (bit >>> 3)) >>> (bit & 7) & 1) << k;
        bit++;
      }
      long value = previous + 1 + (q << b | low);
      if (value > 0xFFFFFFFFL) {
        return null;
      }
      out[i] = (int) value;
      previous = value;
    }
    in.position(start + (int) ((bit + 7) >>> 3));
    return out;
  }

  /** The Rice parameter (0-31) that codes these values in the fewest bits. */
  private static int parameter(int[] sorted) {
    int best = 0;
    long fewest = Long.MAX_VALUE;
    for (int b = 0; b < 32; b++) {
      long bits = bits(sorted, b);
      if (bits < fewest) {
        fewest = bits;
        best = b;
      }
    }
    return best;
  }

  private static long bits(int[] sorted, int b) {
    long bits = 0;
    long previous = -1;
    for (int v : sorted) {
      long value = Integer.toUnsignedLong(v);
      if (value <= previous) {
        throw new IllegalArgumentException("values not ascending and distinct at " + v);
      }
      bits += ((value - previous - 1) >>> b) + 1 + b;
      previous = value;
    }
    return bits;
  }
}
