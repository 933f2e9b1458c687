package dev.tributary.curation.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads what {@link StateWriter} wrote. Every length is checked against the bytes the stream still
 * holds (its total size is known up front), so a corrupt length fails at once instead of allocating
 * gigabytes; {@link #end} checks the stream's length and CRC32C. Any problem is a {@link
 * StateFormatException} naming the component. Not thread-safe.
 */
public final class StateReader implements AutoCloseable {
  private final InputStream in;
  private final long size;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long consumedBeforeBuffer;
  private int crcFrom;
  private String component = "header";

  /**
   * @param size the stream's total length in bytes
   */
  public StateReader(InputStream in, long size) {
    this.in = in;
    this.size = size;
    buffer.limit(0);
  }

  /**
   * Starts a component: fails unless the stream holds {@code tag} next, in a version this code
   * reads.
   *
   * @return the version found, between 1 and {@code maxVersion}
   */
  public int begin(int tag, String name, int maxVersion) {
    component = name;
    int found = readInt();
    if (found != tag) {
      throw new StateFormatException(
          name
              + ": expected tag "
              + Integer.toHexString(tag)
              + ", found "
              + Integer.toHexString(found));
    }
    int version = readInt();
    if (version < 1 || version > maxVersion) {
      throw new StateFormatException(
          name
              + ": layout version "
              + version
              + " is unknown (this code reads 1-"
              + maxVersion
              + ")");
    }
    return version;
  }

  /** Fails with a message naming the current component. */
  public StateFormatException invalid(String problem) {
    return new StateFormatException(component + ": " + problem);
  }

  public int readInt() {
    need(4);
    return buffer.getInt();
  }

  public long readLong() {
    need(8);
    return buffer.getLong();
  }

  public float readFloat() {
    need(4);
    return buffer.getFloat();
  }

  public double readDouble() {
    need(8);
    return buffer.getDouble();
  }

  public String readString() {
    int n = readInt();
    if (n == -1) {
      return null;
    }
    byte[] utf8 = new byte[length(n, 1)];
    fill(utf8, 0, n);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A length written by a {@code write*s} call, checked against what the stream still holds. */
  public int length(int n, int elementBytes) {
    if (n < 0 || (long) n * elementBytes > size - position()) {
      throw invalid("array length " + n + " exceeds the " + (size - position()) + " bytes left");
    }
    return n;
  }

  public byte[] readBytes() {
    int n = length(readInt(), 1);
    byte[] a = new byte[n];
    fill(a, 0, n);
    return a;
  }

  /** Reads a byte array of at most {@code into.length} values into it; returns its length. */
  public int readBytes(byte[] into) {
    int n = fits(length(readInt(), 1), into.length);
    fill(into, 0, n);
    return n;
  }

  public int[] readInts() {
    int[] a = new int[length(readInt(), 4)];
    fillInts(a, 0, a.length);
    return a;
  }

  /** Reads an int array of at most {@code into.length - from} values into it at {@code from}. */
  public int readInts(int[] into, int from) {
    int n = fits(length(readInt(), 4), into.length - from);
    fillInts(into, from, n);
    return n;
  }

  public long[] readLongs() {
    long[] a = new long[length(readInt(), 8)];
    int from = 0;
    int n = a.length;
    while (n > 0) {
      need(8);
      int k = Math.min(n, buffer.remaining() / 8);
      buffer.asLongBuffer().get(a, from, k);
      buffer.position(buffer.position() + 8 * k);
      from += k;
      n -= k;
    }
    return a;
  }

  public float[] readFloats() {
    float[] a = new float[length(readInt(), 4)];
    int from = 0;
    int n = a.length;
    while (n > 0) {
      need(4);
      int k = Math.min(n, buffer.remaining() / 4);
      buffer.asFloatBuffer().get(a, from, k);
      buffer.position(buffer.position() + 4 * k);
      from += k;
      n -= k;
    }
    return a;
  }

  /** Reads the end marker and checks the stream's length and CRC32C. */
  public void end() {
    component = "end of stream";
    int tag = readInt();
    if (tag != StateWriter.END_TAG) {
      throw invalid("expected the end marker, found " + Integer.toHexString(tag));
    }
    long covered = position();
    crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);
    crcFrom = buffer.position();
    long length = readLong();
    long checksum = readLong();
    if (length != covered) {
      throw invalid("the stream says " + length + " bytes, " + covered + " were read");
    }
    if (checksum != crc.getValue()) {
      throw invalid("CRC32C mismatch: the saved state is corrupt");
    }
  }

  /** Bytes consumed so far. */
  public long position() {
    return consumedBeforeBuffer + buffer.position();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int fits(int n, int room) {
    if (n > room) {
      throw invalid("array of " + n + " values does not fit its " + room + " slots");
    }
    return n;
  }

  private void fill(byte[] a, int from, int n) {
    while (n > 0) {
      need(1);
      int k = Math.min(n, buffer.remaining());
      buffer.get(a, from, k);
      from += k;
      n -= k;
    }
  }

  private void fillInts(int[] a, int from, int n) {
    while (n > 0) {
      need(4);
      int k = Math.min(n, buffer.remaining() / 4);
      buffer.asIntBuffer().get(a, from, k);
      buffer.position(buffer.position() + 4 * k);
      from += k;
      n -= k;
    }
  }

  /** Makes at least {@code bytes} (at most 8) readable, refilling from the stream. */
  private void need(int bytes) {
    if (buffer.remaining() >= bytes) {
      return;
    }
    crc.update(buffer.array(), crcFrom, buffer.position() - crcFrom);
    consumedBeforeBuffer += buffer.position();
    buffer.compact(); // unread bytes to the front, ready to fill
    crcFrom = 0;
    try {
      while (buffer.hasRemaining()) {
        int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
        if (n < 0) {
          break;
        }
        buffer.position(buffer.position() + n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading saved state failed", e);
    }
    if (buffer.position() < bytes) {
      buffer.flip();
      throw invalid("the saved state ends early, at byte " + position());
    }
    buffer.flip();
  }
}
