package dev.tributary.schema.codec;

import dev.tributary.schema.Tributary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Encodes and decodes one record type in Avro single-object encoding (marker C3 01, the writer
 * schema's 64-bit fingerprint, then the binary body). Every earlier version of the schema, kept
 * under {@code schema-history/<Record>/v*.avsc}, stays decodable, so old recorders and old Kafka
 * records keep working.
 *
 * <p>Decoding reads the body from the byte array with Avro's buffered {@link BinaryDecoder}, one
 * resolving {@link DatumReader} per known writer schema: what {@code BinaryMessageDecoder} does,
 * without its {@code InputStream} (it wraps the bytes in a stream and reads every value through
 * Avro's unbuffered {@code DirectBinaryDecoder}: each float of a joint chunk was four calls to the
 * stream, ~3 % of the curation thread; issue 17, sixth round). The same records come out.
 */
public final class AvroCodec<V extends SpecificRecord> {
  static {
    trustGeneratedClasses();
  }

  private final Class<V> type;
  private final Schema schema;
  private final List<Schema> history;
  private final BinaryMessageEncoder<V> encoder;

  /** Per writer schema fingerprint (little-endian, as in the header): a reader into this schema. */
  private final Map<Long, DatumReader<V>> readers = new HashMap<>();

  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  @SuppressWarnings("unchecked")
  private AvroCodec(Class<V> type, Schema schema, List<Schema> history) {
    this.type = type;
    this.schema = schema;
    this.history = List.copyOf(history);
    SpecificData model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    List<Schema> writers = new ArrayList<>(history);
    writers.add(schema);
    for (Schema writer : writers) {
      readers.putIfAbsent(
          SchemaNormalization.parsingFingerprint64(writer),
          (DatumReader<V>) model.createDatumReader(writer, schema));
    }
  }

  /** A codec for a generated Avro class, with every historical writer schema registered. */
  public static <V extends SpecificRecord> AvroCodec<V> of(Class<V> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroCodec<>(type, schema, loadHistory(type, schema));
  }

  public Class<V> type() {
    return type;
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Every released version of this schema, oldest first (the current one included once released).
   */
  public List<Schema> history() {
    return history;
  }

  /** Hex of the current schema's CRC-64-AVRO fingerprint, as carried in every encoded record. */
  public String fingerprintHex() {
    return fingerprintHex(schema);
  }

  public static String fingerprintHex(Schema schema) {
    long fp = SchemaNormalization.parsingFingerprint64(schema);
    return HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(Long.reverseBytes(fp)).array());
  }

  public byte[] encode(V value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + type.getSimpleName() + " failed", e);
    }
  }

  /**
   * Decodes one record.
   *
   * @throws InvalidPayloadException with a reason code and a message meant for the sender
   */
  public V decode(byte[] bytes) throws InvalidPayloadException {
    if (bytes == null || bytes.length < 10) {
      throw new InvalidPayloadException(
          "truncated_payload",
          "payload of "
              + (bytes == null ? 0 : bytes.length)
              + " bytes is too short for Avro single-object encoding (2-byte marker C3 01 +"
              + " 8-byte schema fingerprint + body)");
    }
    if ((bytes[0] & 0xff) != 0xC3 || (bytes[1] & 0xff) != 0x01) {
      throw new InvalidPayloadException(
          "not_single_object_encoding",
          "payload does not start with the Avro single-object marker C3 01; encode "
              + type.getSimpleName()
              + " with BinaryMessageEncoder (or send JSON where the endpoint accepts it)");
    }
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) {
      fingerprint = fingerprint << 8 | (bytes[i] & 0xff);
    }
    DatumReader<V> reader = readers.get(fingerprint);
    if (reader == null) {
      throw new InvalidPayloadException(
          "unknown_schema_fingerprint",
          "unknown schema fingerprint "
              + HexFormat.of().formatHex(bytes, 2, 10)
              + " for "
              + type.getSimpleName()
              + "; known: "
              + knownFingerprints()
              + ". Upgrade the recorder or the gateway so both know the schema");
    }
    try {
      BinaryDecoder in =
          DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, DECODER.get());
      DECODER.set(in);
      return reader.read(null, in);
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new InvalidPayloadException(
          "malformed_avro",
          "payload is not a valid " + type.getSimpleName() + " record (truncated or corrupt): " + e,
          e);
    }
  }

  private List<String> knownFingerprints() {
    List<String> out = new ArrayList<>();
    for (Schema s : history) {
      out.add(fingerprintHex(s));
    }
    if (!history.contains(schema)) {
      out.add(fingerprintHex(schema));
    }
    return out;
  }

  /**
   * Avro 1.12 only instantiates classes it trusts; ours are every named type of the Tributary
   * protocol, added to whatever the process already trusts.
   */
  private static void trustGeneratedClasses() {
    ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
    for (Schema named : Tributary.PROTOCOL.getTypes()) {
      try {
        ours.add(Class.forName(named.getFullName(), false, AvroCodec.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("generated class missing for " + named.getFullName(), e);
      }
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
  }

  private static List<Schema> loadHistory(Class<?> type, Schema current) {
    List<Schema> out = new ArrayList<>();
    ClassLoader loader = AvroCodec.class.getClassLoader();
    for (int version = 1; ; version++) {
      String path = "schema-history/" + type.getSimpleName() + "/v" + version + ".avsc";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        out.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return out;
  }
}
