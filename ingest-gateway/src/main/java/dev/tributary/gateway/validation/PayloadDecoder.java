package dev.tributary.gateway.validation;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.codec.InvalidPayloadException;
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

  public V decode(byte[] body) {
    preflight.check(body);
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
