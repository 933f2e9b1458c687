package dev.tributary.gateway.publish;

import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes an {@link IngestEvent}'s Kafka bytes around a payload that is already encoded, by splicing
 * instead of serialising the payload again. The result is byte for byte what {@code
 * Topics.INGEST.codec().encode(event)} writes (tested), so readers see no difference.
 *
 * <p>Avro's binary format makes this possible: a record is its fields' encodings in order, a union
 * is the branch index (a varint) then the branch's encoding, and a single-object encoded payload is
 * a 10-byte header then exactly that record encoding. So the envelope is: header of IngestEvent,
 * siteId, episodeId, receivedAtMicros, gatewayId, the payload's branch index, the payload's bytes
 * after its header.
 */
public final class IngestEnvelope {
  private static final int SINGLE_OBJECT_HEADER = 10;
  private static final List<String> FIELDS =
      List.of("siteId", "episodeId", "receivedAtMicros", "gatewayId", "payload");

  private final byte[] header;
  private final byte[] encodedGatewayId;
  private final Schema payloadUnion;

  /**
   * @param gatewayId this instance's id, written into every event
   */
  public IngestEnvelope(String gatewayId) {
    Schema schema = Topics.INGEST.codec().schema();
    List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
    if (!fields.equals(FIELDS)) {
      // The splice below writes exactly these fields in this order.
      throw new IllegalStateException(
          "IngestEvent has fields " + fields + "; IngestEnvelope writes " + FIELDS + ": update it");
    }
    this.payloadUnion = schema.getField("payload").schema();
    byte[] fingerprint = HexFormat.of().parseHex(Topics.INGEST.codec().fingerprintHex());
    this.header = new byte[2 + fingerprint.length];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    System.arraycopy(fingerprint, 0, header, 2, fingerprint.length);
    ByteArrayOutputStream id = new ByteArrayOutputStream();
    writeString(id, gatewayId);
    this.encodedGatewayId = id.toByteArray();
  }

  /** The union branch that carries {@code type} in {@code IngestEvent.payload}. */
  public int branchOf(Class<? extends SpecificRecord> type) {
    Integer index = payloadUnion.getIndexNamed(SpecificData.get().getSchema(type).getFullName());
    if (index == null) {
      throw new IllegalArgumentException(type.getSimpleName() + " is not an IngestEvent payload");
    }
    return index;
  }

  /**
   * The event's encoding.
   *
   * @param branch the payload's union branch ({@link #branchOf})
   * @param payload the payload's canonical single-object encoding with its current schema
   */
  public byte[] wrap(
      String siteId, String episodeId, long receivedAtMicros, int branch, byte[] payload) {
    return wrap(siteId, episodeId, receivedAtMicros, branch, payload, 0, payload.length);
  }

  /**
   * Like {@link #wrap(String, String, long, int, byte[])} for a payload that is a range of a larger
   * array (a chunk inside a batch body).
   */
  public byte[] wrap(
      String siteId,
      String episodeId,
      long receivedAtMicros,
      int branch,
      byte[] payload,
      int offset,
      int length) {
    byte[] site = siteId.getBytes(StandardCharsets.UTF_8);
    byte[] episode = episodeId.getBytes(StandardCharsets.UTF_8);
    int payloadBytes = length - SINGLE_OBJECT_HEADER;
    Out out =
        new Out(
            header.length
                + Out.sizeOf(site.length)
                + site.length
                + Out.sizeOf(episode.length)
                + episode.length
                + Out.sizeOf(receivedAtMicros)
                + encodedGatewayId.length
                + Out.sizeOf(branch)
                + payloadBytes);
    out.write(header, 0, header.length);
    out.writeLong(site.length);
    out.write(site, 0, site.length);
    out.writeLong(episode.length);
    out.write(episode, 0, episode.length);
    out.writeLong(receivedAtMicros);
    out.write(encodedGatewayId, 0, encodedGatewayId.length);
    out.writeLong(branch);
    out.write(payload, offset + SINGLE_OBJECT_HEADER, payloadBytes);
    return out.bytes();
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Out length = new Out(Out.sizeOf(bytes.length));
    length.writeLong(bytes.length);
    out.writeBytes(length.bytes());
    out.writeBytes(bytes);
  }

  /** Avro primitives into an array of exactly the size announced. */
  private static final class Out {
    private final byte[] buffer;
    private int size;

    Out(int capacity) {
      this.buffer = new byte[capacity];
    }

    void write(byte[] bytes, int offset, int length) {
      System.arraycopy(bytes, offset, buffer, size, length);
      size += length;
    }

    /** Avro's zig-zag varint. */
    void writeLong(long value) {
      long n = (value << 1) ^ (value >> 63);
      while ((n & ~0x7FL) != 0) {
        buffer[size++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buffer[size++] = (byte) n;
    }

    /** The bytes {@link #writeLong} writes for {@code value}. */
    static int sizeOf(long value) {
      long n = (value << 1) ^ (value >> 63);
      int size = 1;
      while ((n & ~0x7FL) != 0) {
        n >>>= 7;
        size++;
      }
      return size;
    }

    byte[] bytes() {
      if (size != buffer.length) {
        throw new IllegalStateException("wrote " + size + " of " + buffer.length + " bytes");
      }
      return buffer;
    }
  }
}
