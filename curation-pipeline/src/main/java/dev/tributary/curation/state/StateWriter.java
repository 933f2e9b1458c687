package dev.tributary.curation.state;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Writes a component's state as little-endian primitives and bulk primitive arrays to a stream,
 * through one reused buffer (arrays are copied in blocks, not element by element), keeping a CRC32C
 * and a byte count of everything written. Each component starts with {@link #begin} (its tag and
 * format version) so that a reader can tell a component it does not know from garbage. Read back by
 * {@link StateReader}. Not thread-safe.
 */
public final class StateWriter implements AutoCloseable {
  /** Marks the end of a stream: then its length and CRC32C follow. */
  static final int END_TAG = 0x454E4421; // "END!"

  private final OutputStream out;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long written;

  public StateWriter(OutputStream out) {
    this.out = out;
  }

  /** Starts a component: its tag (four ASCII letters, say) and the version of its layout. */
  public void begin(int tag, int version) {
    writeInt(tag);
    writeInt(version);
  }

  public void writeInt(int v) {
    room(4);
    buffer.putInt(v);
  }

  public void writeLong(long v) {
    room(8);
    buffer.putLong(v);
  }

  public void writeFloat(float v) {
    room(4);
    buffer.putFloat(v);
  }

  public void writeDouble(double v) {
    room(8);
    buffer.putDouble(v);
  }

  /** A length-prefixed UTF-8 string; null is written as length -1. */
  public void writeString(String s) {
    if (s == null) {
      writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeBytes(utf8, 0, utf8.length);
  }

  /** {@code n}, then {@code a[from, from + n)}. */
  public void writeBytes(byte[] a, int from, int n) {
    writeInt(n);
    while (n > 0) {
      room(1);
      int k = Math.min(n, buffer.remaining());
      buffer.put(a, from, k);
      from += k;
      n -= k;
    }
  }

  /** {@code n}, then the first {@code n} values. */
  public void writeInts(int[] a, int n) {
    writeInt(n);
    int from = 0;
    while (n > 0) {
      room(4);
      int k = Math.min(n, buffer.remaining() / 4);
      buffer.asIntBuffer().put(a, from, k);
      buffer.position(buffer.position() + 4 * k);
      from += k;
      n -= k;
    }
  }

  public void writeLongs(long[] a, int n) {
    writeInt(n);
    int from = 0;
    while (n > 0) {
      room(8);
      int k = Math.min(n, buffer.remaining() / 8);
      buffer.asLongBuffer().put(a, from, k);
      buffer.position(buffer.position() + 8 * k);
      from += k;
      n -= k;
    }
  }

  public void writeFloats(float[] a, int n) {
    writeInt(n);
    int from = 0;
    while (n > 0) {
      room(4);
      int k = Math.min(n, buffer.remaining() / 4);
      buffer.asFloatBuffer().put(a, from, k);
      buffer.position(buffer.position() + 4 * k);
      from += k;
      n -= k;
    }
  }

  /** Ends the stream: the end tag, the bytes written before it and their CRC32C. */
  public void end() {
    writeInt(END_TAG);
    flushBuffer();
    long length = written;
    long checksum = crc.getValue();
    writeLong(length);
    writeLong(checksum);
    flushBuffer();
  }

  /** Bytes written so far. */
  public long written() {
    return written + buffer.position();
  }

  @Override
  public void close() {
    flushBuffer();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void room(int bytes) {
    if (buffer.remaining() < bytes) {
      flushBuffer();
    }
  }

  private void flushBuffer() {
    if (buffer.position() == 0) {
      return;
    }
    crc.update(buffer.array(), 0, buffer.position());
    try {
      out.write(buffer.array(), 0, buffer.position());
    } catch (IOException e) {
      throw new UncheckedIOException("writing saved state failed", e);
    }
    written += buffer.position();
    buffer.clear();
  }
}
