package dev.tributary.recorder.upload;

import dev.tributary.recorder.spool.SpooledChunk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups an episode's pending chunks, in order, into requests of at most {@code maxChunks} chunks
 * and {@code maxBytes} bytes of encoded chunks (a chunk larger than that goes alone). The chunks
 * are the spooled encodings ({@link SpooledChunk}): a batch's body is them back to back, nothing is
 * encoded here.
 */
final class ChunkBatcher implements Iterator<ChunkBatcher.Batch> {

  /** One request's chunks and its body (their encodings back to back). */
  record Batch(List<SpooledChunk> chunks, byte[] body) {
    /** For logs and failure reasons: "chunk 7" or "chunks 3..10". */
    String describe() {
      int first = chunks.get(0).sequence();
      int last = chunks.get(chunks.size() - 1).sequence();
      return chunks.size() == 1
          ? "chunk " + first
          : "chunks " + first + ".." + last + " (" + chunks.size() + " in one request)";
    }
  }

  private final Iterator<SpooledChunk> pending;
  private final int maxChunks;
  private final long maxBytes;
  private SpooledChunk held;

  ChunkBatcher(List<SpooledChunk> pending, int maxChunks, long maxBytes) {
    this.pending = pending.iterator();
    this.maxChunks = maxChunks;
    this.maxBytes = maxBytes;
  }

  @Override
  public boolean hasNext() {
    return held != null || pending.hasNext();
  }

  @Override
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<SpooledChunk> chunks = new ArrayList<>();
    long size = 0;
    while (chunks.size() < maxChunks && (held != null || pending.hasNext())) {
      if (held == null) {
        held = pending.next();
      }
      if (!chunks.isEmpty() && size + held.bytes().length > maxBytes) {
        break; // the held chunk starts the next batch
      }
      chunks.add(held);
      size += held.bytes().length;
      held = null;
    }
    byte[] body;
    if (chunks.size() == 1) {
      body = chunks.get(0).bytes();
    } else {
      body = new byte[(int) size];
      int at = 0;
      for (SpooledChunk chunk : chunks) {
        System.arraycopy(chunk.bytes(), 0, body, at, chunk.bytes().length);
        at += chunk.bytes().length;
      }
    }
    return new Batch(List.copyOf(chunks), body);
  }
}
