package dev.tributary.gateway.validation;

import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.codec.AvroCodec;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks an Avro single-object body against its writer schema without building anything, and refuses
 * it when a declared length or item count cannot fit in the bytes that remain.
 *
 * <p>Why: Avro pre-allocates strings and arrays from the declared length, so a 20-byte body
 * claiming a billion items makes it allocate gigabytes before it notices the body is short. Avro's
 * own limits are JVM-wide system properties read once, which the gateway cannot rely on inside a
 * launcher that used Avro before it. After this walk, decoding allocates at most a small multiple
 * of the body size.
 */
public final class AvroPreflight {
  private final Map<String, Schema> writersByFingerprint = new HashMap<>();
  private final Map<Schema, Integer> minSizes =
      Collections.synchronizedMap(new IdentityHashMap<>());

  public AvroPreflight(AvroCodec<?> codec) {
    for (Schema schema : codec.history()) {
      writersByFingerprint.put(AvroCodec.fingerprintHex(schema), schema);
    }
    writersByFingerprint.put(AvroCodec.fingerprintHex(codec.schema()), codec.schema());
  }

  /**
   * Checks the body; bodies with a bad header or unknown fingerprint are left to the codec, which
   * names those problems precisely.
   *
   * @throws Rejection 400 {@code malformed_avro} when a declared length exceeds the body
   */
  public void check(byte[] body) {
    if (body != null) {
      endOf(body, 0);
    }
  }

  /**
   * Checks the record that starts at {@code offset} (of a body holding several back to back) and
   * answers where it ends: Avro binary carries no length, only the walk against the writer schema
   * finds the end.
   *
   * @return the offset just past the record, or -1 when the bytes at {@code offset} are too short
   *     for a header or name an unknown schema (left to the codec, which names the problem)
   * @throws Rejection 400 {@code malformed_avro} when a declared length exceeds the body
   */
  public int endOf(byte[] body, int offset) {
    if (body.length - offset < 10) {
      return -1;
    }
    Schema writer =
        writersByFingerprint.get(HexFormat.of().formatHex(body, offset + 2, offset + 10));
    if (writer == null) {
      return -1;
    }
    Cursor cursor = new Cursor(body, offset + 10);
    walk(writer, cursor, 0);
    return cursor.pos;
  }

  private static final class Cursor {
    final byte[] bytes;
    int pos;

    Cursor(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    int remaining() {
      return bytes.length - pos;
    }

    long readLong() {
      long raw = 0;
      int shift = 0;
      while (true) {
        if (pos >= bytes.length) {
          throw truncated("a number");
        }
        int b = bytes[pos++] & 0xff;
        raw |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 63) {
          throw malformed("a variable-length number is longer than 10 bytes");
        }
      }
      return (raw >>> 1) ^ -(raw & 1);
    }

    void skip(long n, String what) {
      if (n < 0 || n > remaining()) {
        throw truncated(what + " of " + n + " bytes");
      }
      pos += (int) n;
    }
  }

  private void walk(Schema schema, Cursor in, int depth) {
    if (depth > 64) {
      throw malformed("the record nests deeper than 64 levels");
    }
    switch (schema.getType()) {
      case NULL -> {}
      case BOOLEAN -> in.skip(1, "a boolean");
      case INT, LONG, ENUM -> in.readLong();
      case FLOAT -> in.skip(4, "a float");
      case DOUBLE -> in.skip(8, "a double");
      case FIXED -> in.skip(schema.getFixedSize(), "a fixed value");
      case STRING, BYTES -> in.skip(in.readLong(), "a string");
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          walk(field.schema(), in, depth + 1);
        }
      }
      case UNION -> {
        long branch = in.readLong();
        if (branch < 0 || branch >= schema.getTypes().size()) {
          throw malformed("union branch " + branch + " does not exist");
        }
        walk(schema.getTypes().get((int) branch), in, depth + 1);
      }
      case ARRAY -> walkBlocks(schema.getElementType(), null, in, depth);
      case MAP -> walkBlocks(schema.getValueType(), Schema.create(Schema.Type.STRING), in, depth);
    }
  }

  private void walkBlocks(Schema item, Schema key, Cursor in, int depth) {
    int itemMin = Math.max(1, minSize(item) + (key == null ? 0 : 1));
    while (true) {
      long count = in.readLong();
      if (count == 0) {
        return;
      }
      if (count < 0) {
        count = -count;
        in.readLong(); // block size in bytes
      }
      if (count > in.remaining() / itemMin) {
        throw truncated("a block of " + count + " items");
      }
      for (long i = 0; i < count; i++) {
        if (key != null) {
          walk(key, in, depth + 1);
        }
        walk(item, in, depth + 1);
      }
    }
  }

  /** The fewest bytes any value of the schema encodes to. */
  private int minSize(Schema schema) {
    Integer cached = minSizes.get(schema);
    if (cached != null) {
      return cached;
    }
    int size =
        switch (schema.getType()) {
          case NULL -> 0;
          case FLOAT -> 4;
          case DOUBLE -> 8;
          case FIXED -> schema.getFixedSize();
          case RECORD -> {
            int sum = 0;
            for (Schema.Field field : schema.getFields()) {
              sum += minSize(field.schema());
            }
            yield sum;
          }
          default -> 1;
        };
    minSizes.put(schema, size);
    return size;
  }

  private static Rejection truncated(String what) {
    return malformed("the body declares " + what + " but ends before it (truncated or corrupt)");
  }

  private static Rejection malformed(String what) {
    return Rejection.malformed("malformed_avro", "payload is not a valid Avro record: " + what);
  }
}
