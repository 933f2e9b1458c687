package dev.tributary.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkBatchTest {
  static final AvroCodec<JointChunk> CODEC = AvroCodec.of(JointChunk.class);
  static final String EP = ChunkScannerTest.EP;
  static final ChunkBatch LIMITS = new ChunkBatch(64, 4 * 1024 * 1024);

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void randomCanonicalChunksBackToBackAreReadInPlaceEachWithItsOwnRange() {
    Random random = new Random(11);
    for (int n = 0; n < 300; n++) {
      List<JointChunk> chunks = new ArrayList<>();
      List<byte[]> encoded = new ArrayList<>();
      for (int i = 0, count = 1 + random.nextInt(20); i < count; i++) {
        JointChunk chunk = ChunkScannerTest.randomChunk(random);
        chunks.add(chunk);
        encoded.add(CODEC.encode(chunk));
      }
      byte[] body = concat(encoded);
      List<ReceivedChunk> split = LIMITS.split(body);
      assertThat(split).hasSize(chunks.size());
      int offset = 0;
      for (int i = 0; i < chunks.size(); i++) {
        ReceivedChunk received = split.get(i);
        assertThat(received.bytes()).as("batch %d chunk %d read in place", n, i).isSameAs(body);
        assertThat(received.offset()).isEqualTo(offset);
        assertThat(received.canonical()).isEqualTo(encoded.get(i));
        assertThat(ChunkScannerTest.verdict(received.view()))
            .isEqualTo(ChunkScannerTest.verdict(ChunkView.of(chunks.get(i))));
        offset += encoded.get(i).length;
      }
    }
  }

  @Test
  void aNonCanonicalChunkInTheMiddleIsDecodedAloneAndTheNextOneStillFound() throws Exception {
    JointChunk first = Fixtures.chunk(EP, 0, 10);
    JointChunk middle = Fixtures.chunk(EP, 1, 10);
    JointChunk last = Fixtures.chunk(EP, 2, 10);
    byte[] body =
        concat(List.of(CODEC.encode(first), ChunkScannerTest.blocked(middle), CODEC.encode(last)));
    List<ReceivedChunk> split = LIMITS.split(body);
    assertThat(split).hasSize(3);
    assertThat(split.get(1).canonical()).isEqualTo(CODEC.encode(middle));
    assertThat(split.get(1).bytes()).isNotSameAs(body);
    assertThat(split.get(2).bytes()).isSameAs(body);
    assertThat(split.get(2).canonical()).isEqualTo(CODEC.encode(last));
  }

  @Test
  void aTruncatedSecondChunkIsRefusedNamingItsIndex() {
    byte[] first = CODEC.encode(Fixtures.chunk(EP, 0, 10));
    byte[] second = CODEC.encode(Fixtures.chunk(EP, 1, 10));
    for (int cut : new int[] {1, 5, 9, 10, 30, second.length - 1}) {
      byte[] body = concat(List.of(first, Arrays.copyOf(second, cut)));
      Rejection r = catchThrowableOfType(() -> LIMITS.split(body), Rejection.class);
      assertThat(r).as("second chunk cut at %d", cut).isNotNull();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.getMessage()).startsWith("chunk [1] of the batch (at byte " + first.length);
    }
  }

  @Test
  void tooManyChunksOrAnOversizedChunkAre413() {
    byte[] one = CODEC.encode(Fixtures.chunk(EP, 0, 10));
    List<byte[]> five = List.of(one, one, one, one, one);
    Rejection many =
        catchThrowableOfType(() -> new ChunkBatch(4, 1 << 20).split(concat(five)), Rejection.class);
    assertThat(many.status()).isEqualTo(413);
    assertThat(many.reason()).isEqualTo("too_many_chunks");
    Rejection large =
        catchThrowableOfType(
            () -> new ChunkBatch(4, one.length - 1).split(concat(List.of(one))), Rejection.class);
    assertThat(large.status()).isEqualTo(413);
    assertThat(large.reason()).isEqualTo("body_too_large");
    assertThat(new ChunkBatch(5, one.length).split(concat(five))).hasSize(5);
  }

  @Test
  void fuzzedBatchesAreSplitOrRefusedWithA400Never() throws Exception {
    Random random = new Random(20261123);
    int split = 0;
    for (int n = 0; n < 5_000; n++) {
      List<byte[]> parts = new ArrayList<>();
      for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
        parts.add(CODEC.encode(ChunkScannerTest.randomChunk(random)));
      }
      byte[] body = Fuzz.mutate(concat(parts), random);
      try {
        List<ReceivedChunk> chunks = LIMITS.split(body);
        split++;
        // Whatever was found is canonical: re-encoding a decoded chunk gives its bytes back.
        for (ReceivedChunk chunk : chunks) {
          assertThat(CODEC.encode(CODEC.decode(chunk.canonical()))).isEqualTo(chunk.canonical());
        }
      } catch (Rejection r) {
        assertThat(r.status()).as("mutation %d: %s", n, r.getMessage()).isIn(400, 413);
      }
    }
    assertThat(split).isGreaterThan(500);
  }
}
