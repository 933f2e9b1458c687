package dev.tributary.gateway.validation;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.JointChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a batch body ({@code POST /v1/episodes/{episodeId}/chunks}: chunks' Avro single-object
 * encodings back to back) into its chunks, each read like a single-chunk body ({@link
 * ReceivedChunk#readAt}). Avro binary is self-delimiting, so no framing is needed: each record ends
 * where its schema says, and the next one starts there.
 *
 * @param maxChunks chunks allowed in one batch
 * @param maxChunkBytes largest encoding of one chunk (the single-chunk route's body limit)
 */
public record ChunkBatch(int maxChunks, int maxChunkBytes) {

  /**
   * @throws Rejection 400 with the chunk's index when a chunk is not a valid JointChunk (truncated,
   *     corrupt, unknown schema), 413 for too many chunks or a chunk over the size limit
   */
  public List<ReceivedChunk> split(byte[] body) {
    if (body.length == 0) {
      throw Rejection.malformed(
          "empty_body", "the batch is empty: send one or more Avro-encoded chunks back to back");
    }
    List<ReceivedChunk> chunks = new ArrayList<>();
    int offset = 0;
    while (offset < body.length) {
      if (chunks.size() == maxChunks) {
        throw tooMany(maxChunks + 1 + "+");
      }
      int index = chunks.size();
      ReceivedChunk.Next next;
      try {
        next = ReceivedChunk.readAt(body, offset);
      } catch (Rejection e) {
        throw e.in(where(index, offset));
      }
      if (next.end() - offset > maxChunkBytes) {
        throw Rejection.of(
            413,
            "body_too_large",
            where(index, offset)
                + ": the chunk is "
                + (next.end() - offset)
                + " bytes, more than the "
                + maxChunkBytes
                + " allowed per chunk: record shorter chunks");
      }
      chunks.add(next.chunk());
      offset = next.end();
    }
    return chunks;
  }

  /** Chunks converted at the edge (JSON), within the same count limit. */
  public List<ReceivedChunk> of(List<JointChunk> converted) {
    if (converted.isEmpty()) {
      throw Rejection.malformed("empty_body", "the batch is empty: send one or more chunks");
    }
    if (converted.size() > maxChunks) {
      throw tooMany(String.valueOf(converted.size()));
    }
    List<ReceivedChunk> chunks = new ArrayList<>(converted.size());
    for (JointChunk chunk : converted) {
      chunks.add(ReceivedChunk.of(chunk));
    }
    return chunks;
  }

  private Rejection tooMany(String count) {
    return Rejection.of(
        413,
        "too_many_chunks",
        "the batch holds "
            + count
            + " chunks; at most "
            + maxChunks
            + " are allowed per request: send the rest in another request");
  }

  private static String where(int index, int offset) {
    return "chunk [" + index + "] of the batch (at byte " + offset + ")";
  }
}
