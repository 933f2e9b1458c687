package dev.tributary.recorder.lerobot;

import java.io.IOException;

/**
 * Decompresses one raw Snappy block (the format of Parquet's SNAPPY pages, as snappy-java and
 * Arrow's C++ library write them), in plain Java: no native library and no {@code sun.misc.Unsafe}
 * (which aircompressor uses and Java 24+ warns about). Every length and offset is checked against
 * the buffers; a corrupt block is an {@link IOException}.
 */
final class SnappyBlock {
  private SnappyBlock() {}

  static byte[] decompress(byte[] in, int offset, int length, int expectedSize) throws IOException {
    int ip = offset;
    int end = offset + length;
    // Preamble: the uncompressed length as a little-endian varint.
    long declared = 0;
    for (int shift = 0; ; shift += 7) {
      if (ip >= end || shift > 28) {
        throw corrupt("bad length preamble");
      }
      int b = in[ip++] & 0xff;
      declared |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
    }
    if (declared != expectedSize) {
      throw corrupt("block holds " + declared + " bytes, the page header says " + expectedSize);
    }
    byte[] out = new byte[expectedSize];
    int op = 0;
    while (ip < end) {
      int tag = in[ip++] & 0xff;
      int len;
      int distance;
      switch (tag & 3) {
        case 0 -> { // literal
          len = tag >>> 2;
          if (len >= 60) {
            int bytes = len - 59;
            if (ip + bytes > end) {
              throw corrupt("truncated literal length");
            }
            long value = 0;
            for (int k = 0; k < bytes; k++) {
              value |= (long) (in[ip++] & 0xff) << (8 * k);
            }
            if (value >= Integer.MAX_VALUE) {
              throw corrupt("literal too long");
            }
            len = (int) value;
          }
          len += 1;
          if (len > end - ip || len > out.length - op) {
            throw corrupt("literal runs past the block");
          }
          System.arraycopy(in, ip, out, op, len);
          ip += len;
          op += len;
          continue;
        }
        case 1 -> { // copy, 1-byte offset
          if (ip >= end) {
            throw corrupt("truncated copy");
          }
          len = ((tag >>> 2) & 7) + 4;
          distance = ((tag >>> 5) << 8) | (in[ip++] & 0xff);
        }
        case 2 -> { // copy, 2-byte offset
          if (ip + 2 > end) {
            throw corrupt("truncated copy");
          }
          len = (tag >>> 2) + 1;
          distance = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8;
          ip += 2;
        }
        default -> { // copy, 4-byte offset
          if (ip + 4 > end) {
            throw corrupt("truncated copy");
          }
          len = (tag >>> 2) + 1;
          distance =
              (in[ip] & 0xff)
                  | (in[ip + 1] & 0xff) << 8
                  | (in[ip + 2] & 0xff) << 16
                  | (in[ip + 3] & 0xff) << 24;
          ip += 4;
        }
      }
      if (distance <= 0 || distance > op || len > out.length - op) {
        throw corrupt("copy outside the block");
      }
      // Byte by byte: source and destination may overlap (a run repeats the last bytes).
      for (int k = 0; k < len; k++, op++) {
        out[op] = out[op - distance];
      }
    }
    if (op != expectedSize) {
      throw corrupt(op + " bytes instead of " + expectedSize);
    }
    return out;
  }

  private static IOException corrupt(String what) {
    return new IOException("corrupt Snappy page: " + what);
  }
}
