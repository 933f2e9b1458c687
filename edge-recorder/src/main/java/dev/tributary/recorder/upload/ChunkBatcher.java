package dev.tributary.recorder.upload;

import dev.tributary.recorder.spool.Codecs;
import dev.tributary.schema.JointChunk;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Groups an episode's pending chunks, in order, into requests of at most {@code maxChunks} chunks
 * and {@code maxBytes} bytes of encoded chunks (a chunk larger than that goes alone). Each chunk is
 * encoded once, when its batch is formed, so only one batch's bytes are held at a time.
 */
final class ChunkBatcher implements Iterator<ChunkBatcher.Batch> {

  /** One request's chunks and its body (their encodings back to back). */
  record Batch(List<JointChunk> chunks, byte[] body) {
    /** For logs and failure reasons: "chunk 7" or "chunks 3..10". */
    String describe() {
      int first = chunks.get(0).getSequence();
      int last = chunks.get(chunks.size() - 1).getSequence();
      return chunks.size() == 1
          ? "chunk " + first
          : "chunks " + first + ".." + last + " (" + chunks.size() + " in one request)";
    }
  }

  private final Iterator<JointChunk> pending;
  private final int maxChunks;
  private final long maxBytes;
  private JointChunk held;
  private byte[] heldBytes;

  ChunkBatcher(List<JointChunk> pending, int maxChunks, long maxBytes) {
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
    List<JointChunk> chunks = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (chunks.size() < maxChunks && (held != null || pending.hasNext())) {
      if (held == null) {
        held = pending.next();
        heldBytes = Codecs.CHUNK.encode(held);
      }
      if (!chunks.isEmpty() && body.size() + heldBytes.length > maxBytes) {
        break; // the held chunk starts the next batch
      }
      chunks.add(held);
      body.writeBytes(heldBytes);
      held = null;
      heldBytes = null;
    }
    return new Batch(List.copyOf(chunks), body.toByteArray());
  }
}
