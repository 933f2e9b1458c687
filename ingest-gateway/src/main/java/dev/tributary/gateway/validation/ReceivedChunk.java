package dev.tributary.gateway.validation;

import dev.tributary.schema.JointChunk;
import java.util.Arrays;

/**
 * A joint chunk as received, ready for the rules and for publishing: a view to check it with and
 * its canonical encoding (what {@code AvroCodec.encode} writes; the content hash and the Kafka
 * record are made from it), as a range of a byte array so that the chunks of a batch body are not
 * copied out of it.
 *
 * @param bytes holds the single-object encoding with the current schema, in canonical form, at
 *     {@code offset}
 * @param offset where the encoding starts in {@code bytes}
 * @param length the encoding's length
 */
public record ReceivedChunk(ChunkView view, byte[] bytes, int offset, int length) {
  private static final PayloadDecoder<JointChunk> DECODER = PayloadDecoder.of(JointChunk.class);

  /** A chunk found in a batch body, and where the next one starts. */
  record Next(ReceivedChunk chunk, int end) {}

  /**
   * Reads an Avro body: in place when it is already canonical (every recorder using {@code
   * AvroCodec}), else decoded and encoded again, exactly as before the fast path existed.
   *
   * @throws dev.tributary.gateway.error.Rejection 400 when the body is not a valid JointChunk
   */
  public static ReceivedChunk read(byte[] body) {
    ChunkView scanned = ChunkScanner.scan(body);
    if (scanned != null) {
      return new ReceivedChunk(scanned, body, 0, body.length);
    }
    return of(DECODER.decode(body));
  }

  /**
   * Reads the chunk at {@code offset} of a body holding chunks back to back, the same way as {@link
   * #read}: in place when canonical, else that chunk alone decoded and encoded again.
   */
  static Next readAt(byte[] body, int offset) {
    ChunkScanner.Span span = ChunkScanner.scanAt(body, offset);
    if (span != null) {
      return new Next(
          new ReceivedChunk(span.view(), body, offset, span.end() - offset), span.end());
    }
    PayloadDecoder.Decoded<JointChunk> decoded = DECODER.decodeAt(body, offset);
    return new Next(of(decoded.value()), decoded.end());
  }

  /** A chunk that is already a record (decoded, or converted from JSON at the edge). */
  public static ReceivedChunk of(JointChunk chunk) {
    byte[] canonical = DECODER.codec().encode(chunk);
    return new ReceivedChunk(ChunkView.of(chunk), canonical, 0, canonical.length);
  }

  /** The canonical encoding as an array of its own (the backing array when it is exactly that). */
  public byte[] canonical() {
    return offset == 0 && length == bytes.length
        ? bytes
        : Arrays.copyOfRange(bytes, offset, offset + length);
  }
}
