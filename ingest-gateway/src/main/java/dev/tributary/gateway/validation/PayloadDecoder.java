package dev.tributary.gateway.validation;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.codec.InvalidPayloadException;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes an Avro single-object body of one type: first {@link AvroPreflight} (no allocation from
 * declared lengths), then the codec. Every failure becomes a 400 with the codec's reason code.
 */
public final class PayloadDecoder<V extends SpecificRecord> {
  private final AvroCodec<V> codec;
  private final AvroPreflight preflight;

  public PayloadDecoder(AvroCodec<V> codec) {
    this.codec = codec;
    this.preflight = new AvroPreflight(codec);
  }

  public static <V extends SpecificRecord> PayloadDecoder<V> of(Class<V> type) {
    return new PayloadDecoder<>(AvroCodec.of(type));
  }

  public AvroCodec<V> codec() {
    return codec;
  }

  /** A record decoded from inside a larger body, and the offset just past it. */
  public record Decoded<V>(V value, int end) {}

  public V decode(byte[] body) {
    preflight.check(body);
    return decodeChecked(body);
  }

  /**
   * Decodes the record that starts at {@code offset} of a body holding records back to back (a
   * batch), and answers where it ended. Only that record's bytes are copied.
   */
  public Decoded<V> decodeAt(byte[] body, int offset) {
    int end = preflight.endOf(body, offset);
    if (end < 0) {
      // Too short or an unknown schema: the codec names the problem and throws.
      decodeChecked(Arrays.copyOfRange(body, offset, body.length));
      throw Rejection.malformed(
          "malformed_avro",
          "payload is not a valid " + codec.type().getSimpleName() + " record: unknown layout");
    }
    return new Decoded<>(decodeChecked(Arrays.copyOfRange(body, offset, end)), end);
  }

  private V decodeChecked(byte[] body) {
    try {
      return codec.decode(body);
    } catch (InvalidPayloadException e) {
      throw Rejection.malformed(e.reasonCode(), e.getMessage());
    } catch (RuntimeException e) {
      // Avro signals some corrupt inputs with unchecked exceptions the codec does not map.
      throw Rejection.malformed(
          "malformed_avro",
          "payload is not a valid "
              + codec.type().getSimpleName()
              + " record (truncated or corrupt): "
              + e.getClass().getSimpleName());
    }
  }
}
