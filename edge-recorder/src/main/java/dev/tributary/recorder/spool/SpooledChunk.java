package dev.tributary.recorder.spool;

import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.InvalidPayloadException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A spooled joint chunk as the upload sends it: its sequence and its Avro single-object encoding,
 * the very bytes the recorder spooled ({@code Codecs.CHUNK.encode} at record time), not decoded
 * into a {@link JointChunk} (boxed lists) and encoded again. Only the sequence is read from the
 * bytes, in place. A chunk spooled by an older recorder with an older schema version is decoded and
 * encoded with the current schema once, at read time, so the gateway always gets the current one.
 *
 * @param sequence the chunk's {@code sequence}
 * @param bytes its single-object encoding with the current schema
 */
public record SpooledChunk(int sequence, byte[] bytes) {
  private static final int HEADER = 10;
  private static final byte[] CURRENT = currentHeader();

  /**
   * @param spooled a CHUNK record's body as read from the segment file (CRC checked)
   * @param where the segment file, for the error
   * @throws IOException when the record is not a JointChunk
   */
  static SpooledChunk of(byte[] spooled, String where) throws IOException {
    if (spooled.length > HEADER && Arrays.equals(spooled, 0, HEADER, CURRENT, 0, HEADER)) {
      int sequence = sequenceOf(spooled);
      if (sequence >= 0) {
        return new SpooledChunk(sequence, spooled);
      }
    }
    // An older schema version (or bytes the fast read does not follow): the codec decides.
    JointChunk chunk = Codecs.decode(Codecs.CHUNK, spooled, where);
    return new SpooledChunk(chunk.getSequence(), Codecs.CHUNK.encode(chunk));
  }

  /** The chunk decoded (for tests and tools; the upload sends {@link #bytes} as they are). */
  public JointChunk decode() throws InvalidPayloadException {
    return Codecs.CHUNK.decode(bytes);
  }

  /**
   * JointChunk's first fields are {@code string episodeId; int sequence}: skip the string (varint
   * length, bytes), read the zig-zag varint. -1 when the bytes end early or the value is negative
   * or overlong, so the decoding path reports the problem.
   */
  private static int sequenceOf(byte[] b) {
    long[] at = {HEADER};
    long length = readVarint(b, at);
    if (length < 0 || at[0] + length > b.length) {
      return -1;
    }
    at[0] += length;
    long sequence = readVarint(b, at);
    return sequence < 0 || sequence > Integer.MAX_VALUE ? -1 : (int) sequence;
  }

  /** Avro's zig-zag varint at {@code at[0]}, advancing it; -1 when truncated or over 5 bytes. */
  private static long readVarint(byte[] b, long[] at) {
    long n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at[0] >= b.length) {
        return -1;
      }
      int x = b[(int) at[0]++] & 0xff;
      n |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    return -1;
  }

  private static byte[] currentHeader() {
    byte[] fingerprint = HexFormat.of().parseHex(Codecs.CHUNK.fingerprintHex());
    byte[] header = new byte[2 + fingerprint.length];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
    return header;
  }
}
