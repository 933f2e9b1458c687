package dev.tributary.curation.iceberg;

import dev.tributary.curation.state.StateFormatException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.puffin.Blob;
import org.apache.iceberg.puffin.BlobMetadata;
import org.apache.iceberg.puffin.PuffinCompressionCodec;
import org.apache.iceberg.puffin.PuffinReader;
import org.apache.iceberg.puffin.PuffinWriter;
import org.apache.iceberg.util.Pair;

/**
 * A byte stream as numbered Puffin blobs of at most {@link #PART_BYTES} (a Puffin blob is written
 * and read whole, so a multi-GB memory is cut into parts and only one part is in memory at a time),
 * each with its CRC32C in its properties, checked before any byte of it is handed out.
 */
final class PuffinParts {
  static final int PART_BYTES = 64 << 20;

  /** The part size {@link Output} uses: {@link #PART_BYTES}; tests lower it to get many parts. */
  static volatile int partBytes = PART_BYTES;

  static final String PART = "part";
  static final String CRC = "crc32c";

  private PuffinParts() {}

  /** Cuts the stream into blobs of {@link #PART_BYTES}, each with its CRC32C. */
  static final class Output extends OutputStream {
    private final PuffinWriter writer;
    private final Snapshot snapshot;
    private final byte[] part = new byte[partBytes];
    private int filled;
    private int index;

    Output(PuffinWriter writer, Snapshot snapshot) {
      this.writer = writer;
      this.snapshot = snapshot;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      while (len > 0) {
        int k = Math.min(len, part.length - filled);
        System.arraycopy(b, off, part, filled, k);
        filled += k;
        off += k;
        len -= k;
        if (filled == part.length) {
          emit();
        }
      }
    }

    @Override
    public void close() {
      if (filled > 0 || index == 0) {
        emit();
      }
    }

    private void emit() {
      CRC32C crc = new CRC32C();
      crc.update(part, 0, filled);
      writer.add(
          new Blob(
              MemorySnapshots.BLOB_TYPE,
              List.of(),
              snapshot.snapshotId(),
              snapshot.sequenceNumber(),
              ByteBuffer.wrap(part, 0, filled),
              PuffinCompressionCodec.NONE,
              Map.of(PART, Integer.toString(index), CRC, Long.toString(crc.getValue()))));
      index++;
      filled = 0;
    }
  }

  /**
   * The parts' bytes in order, each checked against its CRC32C before it is handed out. One thread
   * reads (and checks) the next part while the caller parses the current one, so a load takes about
   * the longer of reading and parsing, not their sum; at most two parts are held.
   */
  static final class Input extends InputStream {
    private static final ByteBuffer END = ByteBuffer.allocate(0);
    private final PuffinReader file;
    private final Iterator<BlobMetadata> parts;
    private final ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "saved-memory-reader");
              t.setDaemon(true);
              return t;
            });
    private Future<ByteBuffer> next;
    private ByteBuffer current = ByteBuffer.allocate(0);

    /**
     * @param parts in order; read one {@code readAll} call each, because {@code readAll} of several
     *     blobs reads them all before it returns the first (its stream sorts them first)
     */
    Input(PuffinReader file, List<BlobMetadata> parts) {
      this.file = file;
      this.parts = List.copyOf(parts).iterator();
      this.next = reader.submit(this::readNext);
    }

    /** On the reader thread: the next part, checked, or {@link #END}. */
    private ByteBuffer readNext() {
      if (!parts.hasNext()) {
        return END;
      }
      Pair<BlobMetadata, ByteBuffer> part = file.readAll(List.of(parts.next())).iterator().next();
      CRC32C crc = new CRC32C();
      crc.update(part.second().duplicate());
      String expected = part.first().properties().get(CRC);
      if (expected == null || Long.parseLong(expected) != crc.getValue()) {
        throw new StateFormatException(
            "part " + part.first().properties().get(PART) + " fails its CRC32C: corrupt file");
      }
      return part.second();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (!current.hasRemaining()) {
        if (current == END) {
          return -1;
        }
        current = take();
        if (current != END) {
          next = reader.submit(this::readNext);
        }
      }
      int k = Math.min(len, current.remaining());
      current.get(b, off, k);
      return k;
    }

    private ByteBuffer take() {
      try {
        return next.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateFormatException("interrupted while reading the saved memory", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException r
            ? r
            : new StateFormatException("reading the saved memory failed: " + cause, cause);
      }
    }

    @Override
    public void close() {
      reader.shutdownNow();
    }
  }
}
