package dev.tributary.recorder.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of framed records: an 8-byte magic, then per record {@code [u32 length][u32
 * CRC32C][payload]}, payload = {@code [type byte][body]}, big-endian. {@link #append} returns only
 * after the record is fsynced (and, for a new file, its directory entry too), so a record counts as
 * durable exactly when append returned. Opening scans the file and truncates a torn tail (a partial
 * or corrupt last record from a crash), logging how many bytes it dropped: those bytes were never
 * reported durable, hence never uploaded.
 */
public final class SegmentFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentFile.class);
  static final byte[] MAGIC = "TRBSEG01".getBytes(StandardCharsets.US_ASCII);
  static final int FRAME_HEADER_BYTES = 8;

  /** Larger lengths can only come from a torn or corrupt header. */
  static final int MAX_RECORD_BYTES = 64 << 20;

  private final Path path;
  private final FileChannel channel;
  private final List<SpoolRecord> records;
  private long size;

  private SegmentFile(Path path, FileChannel channel, List<SpoolRecord> records, long size) {
    this.path = path;
    this.channel = channel;
    this.records = records;
    this.size = size;
  }

  /** Creates a new, empty segment; its name is durable in the directory when this returns. */
  public static SegmentFile create(Path path) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      writeFully(channel, ByteBuffer.wrap(MAGIC), 0);
      channel.force(true);
      Durable.fsyncDirectory(path.toAbsolutePath().getParent());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new SegmentFile(path, channel, new ArrayList<>(), MAGIC.length);
  }

  /**
   * Opens an existing segment, reads every intact record and truncates anything after the last
   * intact one.
   */
  public static SegmentFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long fileSize = channel.size();
      List<SpoolRecord> records = new ArrayList<>();
      long good = scan(path, channel, fileSize, records);
      if (good < fileSize) {
        LOG.warn(
            "spool segment {}: dropped a torn tail of {} bytes after {} intact records (offset {});"
                + " these bytes were never acknowledged durable, so nothing uploaded is lost",
            path,
            fileSize - good,
            records.size(),
            good);
        if (good < MAGIC.length) {
          channel.truncate(0);
          writeFully(channel, ByteBuffer.wrap(MAGIC), 0);
          good = MAGIC.length;
        } else {
          channel.truncate(good);
        }
        channel.force(true);
      }
      return new SegmentFile(path, channel, records, good);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads a segment's intact records without modifying the file. */
  public static List<SpoolRecord> readIntact(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      List<SpoolRecord> records = new ArrayList<>();
      scan(path, channel, channel.size(), records);
      return records;
    }
  }

  private static long scan(Path path, FileChannel channel, long fileSize, List<SpoolRecord> out)
      throws IOException {
    if (fileSize < MAGIC.length) {
      return 0;
    }
    ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
    readFully(channel, magic, 0);
    if (!java.util.Arrays.equals(magic.array(), MAGIC)) {
      throw new IOException(
          path + " is not a Tributary spool segment (bad magic); refusing to touch it");
    }
    long offset = MAGIC.length;
    ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
    while (offset + FRAME_HEADER_BYTES <= fileSize) {
      header.clear();
      readFully(channel, header, offset);
      int length = header.getInt(0);
      int crc = header.getInt(4);
      if (length < 1
          || length > MAX_RECORD_BYTES
          || offset + FRAME_HEADER_BYTES + length > fileSize) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(channel, payload, offset + FRAME_HEADER_BYTES);
      byte[] bytes = payload.array();
      RecordType type = RecordType.of(bytes[0]);
      if (crc32c(bytes) != crc || type == null) {
        long next = offset + FRAME_HEADER_BYTES + length;
        if (intactRecordAt(channel, next, fileSize)) {
          // A torn write can only damage the end; a bad record followed by a good one is rot.
          throw new CorruptSegmentException(
              path
                  + ": the record at offset "
                  + offset
                  + " fails its CRC32C but an intact record follows at offset "
                  + next
                  + ". This is corruption, not a torn tail: refusing to truncate");
        }
        break;
      }
      byte[] body = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
      out.add(new SpoolRecord(type, body, offset));
      offset += FRAME_HEADER_BYTES + length;
    }
    return offset;
  }

  private static boolean intactRecordAt(FileChannel channel, long offset, long fileSize)
      throws IOException {
    if (offset + FRAME_HEADER_BYTES > fileSize) {
      return false;
    }
    ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
    readFully(channel, header, offset);
    int length = header.getInt(0);
    if (length < 1
        || length > MAX_RECORD_BYTES
        || offset + FRAME_HEADER_BYTES + length > fileSize) {
      return false;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(channel, payload, offset + FRAME_HEADER_BYTES);
    return crc32c(payload.array()) == header.getInt(4) && RecordType.of(payload.get(0)) != null;
  }

  /** Appends one record and returns after it is durable (fsynced). */
  public synchronized SpoolRecord append(RecordType type, byte[] body) throws IOException {
    int length = body.length + 1;
    if (length > MAX_RECORD_BYTES) {
      throw new IOException(
          "record of " + length + " bytes exceeds the spool limit of " + MAX_RECORD_BYTES);
    }
    ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + length);
    frame.putInt(length);
    frame.putInt(0);
    frame.put(type.code());
    frame.put(body);
    byte[] payload = java.util.Arrays.copyOfRange(frame.array(), FRAME_HEADER_BYTES, frame.limit());
    frame.putInt(4, crc32c(payload));
    frame.flip();
    long offset = size;
    writeFully(channel, frame, offset);
    // fdatasync: flushes the data and the new file size (what reading it back needs).
    channel.force(false);
    size += frame.limit();
    SpoolRecord record = new SpoolRecord(type, body, offset);
    records.add(record);
    return record;
  }

  public synchronized List<SpoolRecord> records() {
    return List.copyOf(records);
  }

  public synchronized long size() {
    return size;
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  static int crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + at);
      }
      at += n;
    }
  }
}
