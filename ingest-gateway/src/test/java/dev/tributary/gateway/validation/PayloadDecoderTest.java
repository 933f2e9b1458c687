package dev.tributary.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
  static final AvroCodec<JointChunk> CODEC = AvroCodec.of(JointChunk.class);
  static final PayloadDecoder<JointChunk> DECODER = new PayloadDecoder<>(CODEC);
  static final String EP = "3f2b8c1e-0d4a-4c59-9a77-1b2c3d4e5f60";

  private static byte[] header() {
    return Arrays.copyOf(CODEC.encode(Fixtures.chunk(EP, 0, 1)), 10);
  }

  private static byte[] withHeader(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header());
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Avro's zig-zag varint of a long. */
  private static byte[] varint(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  @Test
  void aValidChunkDecodes() {
    JointChunk chunk = Fixtures.chunk(EP, 2, 4);
    assertThat(DECODER.decode(CODEC.encode(chunk))).isEqualTo(chunk);
  }

  @Test
  void aBodyClaimingAHugeStringIsRefusedWithoutAllocatingIt() {
    byte[] body = withHeader(varint(2_000_000_000L));
    assertThatThrownBy(() -> DECODER.decode(body))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @Test
  void aBodyClaimingAHugeArrayIsRefusedWithoutAllocatingIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(varint(1)); // episodeId length 1
    out.write('x');
    out.writeBytes(varint(0)); // sequence
    out.writeBytes(varint(0)); // firstSampleIndex
    out.writeBytes(varint(1_500_000_000L)); // captureMonoNanos block count
    byte[] body = withHeader(out.toByteArray());
    assertThatThrownBy(() -> DECODER.decode(body))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400));
  }

  @Test
  void truncatedAndForeignBodiesGetTheCodecsReasons() {
    byte[] valid = CODEC.encode(Fixtures.chunk(EP, 0, 5));
    assertThatThrownBy(() -> DECODER.decode(Arrays.copyOf(valid, 6)))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("truncated_payload"));
    assertThatThrownBy(() -> DECODER.decode(Arrays.copyOf(valid, valid.length - 7)))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("malformed_avro"));
    byte[] foreign = valid.clone();
    foreign[5] ^= 0x55;
    assertThatThrownBy(() -> DECODER.decode(foreign))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.reason()).isEqualTo("unknown_schema_fingerprint"));
  }

  @Test
  void tenThousandMutatedChunksAreEachAcceptedOrRefusedAsTheSendersFault() {
    Random random = new Random(42);
    byte[] valid = CODEC.encode(Fixtures.chunk(EP, 0, 20));
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      byte[] mutated = Fuzz.mutate(valid, random);
      try {
        JointChunk chunk = DECODER.decode(mutated);
        EpisodeValidator.validateChunk(EP, 0, chunk, JointShape.UNKNOWN);
      } catch (Rejection r) {
        assertThat(r.status()).as("status for payload %d", i).isBetween(400, 499);
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(5_000);
  }
}
