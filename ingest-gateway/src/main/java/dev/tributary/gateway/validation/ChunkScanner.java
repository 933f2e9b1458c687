package dev.tributary.gateway.validation;

import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a {@link JointChunk} body in place when it is exactly what {@link AvroCodec#encode} would
 * write for the current schema (the canonical encoding): marker and current fingerprint, minimal
 * varints, each array as one block, ASCII episode id, nothing after the record (or, in a batch, the
 * next chunk). Such a body needs no decoding to be checked, and its bytes can go to Kafka as they
 * are.
 *
 * <p>Why: decoding a chunk into boxed {@code List<Float>}/{@code List<Long>} and encoding it again
 * was half of the gateway's CPU. Every recorder built on {@code AvroCodec} sends canonical bodies;
 * anything else (an older writer, several array blocks, overlong varints, corrupt or hostile bytes)
 * is answered with {@code null} and takes the decoding path, which names the problem precisely.
 */
public final class ChunkScanner {
  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] HEADER = header();

  private ChunkScanner() {}

  /**
   * A chunk scanned in place inside a larger body: its view and the offset just past its last byte
   * (where the next chunk of a batch starts).
   */
  public record Span(ChunkView view, int end) {}

  /** The scanned chunk, or null when the body is not a canonical current-schema encoding. */
  public static ChunkView scan(byte[] body) {
    Span span = body == null ? null : scanAt(body, 0);
    return span == null || span.end() != body.length ? null : span.view();
  }

  /**
   * Scans the chunk that starts at {@code offset} of a body holding chunks back to back (Avro
   * binary is self-delimiting, so the record itself says where it ends). Nothing is copied: the
   * view reads the body.
   *
   * @return the chunk and its end, or null when the bytes at {@code offset} are not a canonical
   *     current-schema encoding
   */
  public static Span scanAt(byte[] body, int offset) {
    if (offset < 0 || body.length - offset < HEADER.length || !startsWithHeader(body, offset)) {
      return null;
    }
    try {
      Reader reader = new Reader(body, offset + HEADER.length);
      ChunkView view = reader.read();
      return new Span(view, reader.pos);
    } catch (NotCanonical e) {
      return null;
    }
  }

  private static boolean startsWithHeader(byte[] body, int offset) {
    return Arrays.equals(body, offset, offset + HEADER.length, HEADER, 0, HEADER.length);
  }

  private static byte[] header() {
    byte[] fingerprint = HexFormat.of().parseHex(AvroCodec.of(JointChunk.class).fingerprintHex());
    byte[] header = new byte[2 + fingerprint.length];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
    return header;
  }

  /** Control flow only: the body leaves the fast path. */
  private static final class NotCanonical extends RuntimeException {
    private static final NotCanonical INSTANCE = new NotCanonical();

    private NotCanonical() {
      super("not a canonical encoding", null, false, false);
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    Scanned read() {
      String episodeId = readAsciiString();
      int sequence = readInt();
      int firstSampleIndex = readInt();
      long[] mono = readLongs();
      int wallCount = skipLongs();
      Floats state = readFloatColumns();
      Floats action = readFloatColumns();
      return new Scanned(episodeId, sequence, firstSampleIndex, mono, wallCount, state, action);
    }

    /** A zig-zag varint in its shortest form (as Avro writes it), at most 10 bytes. */
    long readLong() {
      long raw = 0;
      for (int i = 0; i < 10; i++) {
        if (pos >= bytes.length) {
          throw NotCanonical.INSTANCE;
        }
        int b = bytes[pos++] & 0xff;
        if (i == 9 && b > 1) {
          throw NotCanonical.INSTANCE;
        }
        raw |= (long) (b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw NotCanonical.INSTANCE; // a trailing zero byte: not the shortest form
          }
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw NotCanonical.INSTANCE;
    }

    int readInt() {
      long value = readLong();
      if (value != (int) value) {
        throw NotCanonical.INSTANCE;
      }
      return (int) value;
    }

    /** An item count of a single-block array: {@code n > 0} items then 0, or just 0. */
    int readCount(int minItemBytes) {
      long count = readLong();
      if (count < 0 || count > (bytes.length - pos) / minItemBytes) {
        throw NotCanonical.INSTANCE;
      }
      return (int) count;
    }

    void readBlockEnd() {
      if (pos >= bytes.length || bytes[pos++] != 0) {
        throw NotCanonical.INSTANCE;
      }
    }

    String readAsciiString() {
      int length = readCount(1);
      for (int i = pos; i < pos + length; i++) {
        if (bytes[i] < 0) {
          throw NotCanonical.INSTANCE; // non-ASCII: let the decoder handle the UTF-8
        }
      }
      String value = new String(bytes, pos, length, StandardCharsets.ISO_8859_1);
      pos += length;
      return value;
    }

    long[] readLongs() {
      int count = readCount(1);
      long[] values = new long[count];
      for (int i = 0; i < count; i++) {
        values[i] = readLong();
      }
      if (count > 0) {
        readBlockEnd();
      }
      return values;
    }

    /** Walks an {@code array<long>} and answers its length. */
    int skipLongs() {
      int count = readCount(1);
      for (int i = 0; i < count; i++) {
        readLong();
      }
      if (count > 0) {
        readBlockEnd();
      }
      return count;
    }

    Floats readFloatColumns() {
      int columns = readCount(1);
      int[] offsets = new int[columns];
      int[] lengths = new int[columns];
      for (int j = 0; j < columns; j++) {
        int length = readCount(4);
        offsets[j] = pos;
        lengths[j] = length;
        pos += 4 * length;
        if (length > 0) {
          readBlockEnd();
        }
      }
      if (columns > 0) {
        readBlockEnd();
      }
      return new Floats(bytes, offsets, lengths);
    }
  }

  /** Float columns left in the body: little-endian IEEE 754, 4 bytes each. */
  private record Floats(byte[] bytes, int[] offsets, int[] lengths) implements ChunkView.Columns {
    @Override
    public int count() {
      return offsets.length;
    }

    @Override
    public int length(int joint) {
      return lengths[joint];
    }

    @Override
    public float value(int joint, int sample) {
      return (float) FLOAT_LE.get(bytes, offsets[joint] + 4 * sample);
    }
  }

  private record Scanned(
      String episodeId,
      int sequence,
      int firstSampleIndex,
      long[] mono,
      int captureWallMicrosCount,
      Floats state,
      Floats action)
      implements ChunkView {
    @Override
    public int sampleCount() {
      return mono.length;
    }

    @Override
    public long captureMonoNanos(int sample) {
      return mono[sample];
    }
  }
}
