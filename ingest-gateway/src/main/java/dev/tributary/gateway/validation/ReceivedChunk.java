package dev.tributary.gateway.validation;

import dev.tributary.schema.JointChunk;

/**
 * A joint chunk as received, ready for the rules and for publishing: a view to check it with and
 * its canonical encoding (what {@code AvroCodec.encode} writes; the content hash and the Kafka
 * record are made from it).
 *
 * @param canonical the single-object encoding with the current schema, in canonical form
 */
public record ReceivedChunk(ChunkView view, byte[] canonical) {
  private static final PayloadDecoder<JointChunk> DECODER = PayloadDecoder.of(JointChunk.class);

  /**
   * Reads an Avro body: in place when it is already canonical (every recorder using {@code
   * AvroCodec}), else decoded and encoded again, exactly as before the fast path existed.
   *
   * @throws dev.tributary.gateway.error.Rejection 400 when the body is not a valid JointChunk
   */
  public static ReceivedChunk read(byte[] body) {
    ChunkView scanned = ChunkScanner.scan(body);
    if (scanned != null) {
      return new ReceivedChunk(scanned, body);
    }
    return of(DECODER.decode(body));
  }

  /** A chunk that is already a record (decoded, or converted from JSON at the edge). */
  public static ReceivedChunk of(JointChunk chunk) {
    return new ReceivedChunk(ChunkView.of(chunk), DECODER.codec().encode(chunk));
  }
}
