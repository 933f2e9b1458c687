package dev.tributary.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.gateway.Fixtures;
import dev.tributary.gateway.error.Rejection;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class ChunkScannerTest {
  static final AvroCodec<JointChunk> CODEC = AvroCodec.of(JointChunk.class);
  static final String EP = "3f2b8c1e-0d4a-4c59-9a77-1b2c3d4e5f60";

  /** A chunk with random shape and values, including extreme longs and negative floats. */
  static JointChunk randomChunk(Random random) {
    int samples = random.nextInt(40);
    int joints = random.nextInt(8);
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      mono.add(random.nextInt(4) == 0 ? random.nextLong() : (long) i * 33_333_333L);
      wall.add(random.nextLong() >> random.nextInt(64));
    }
    List<List<Float>> state = new ArrayList<>();
    List<List<Float>> action = new ArrayList<>();
    for (int j = 0; j < joints; j++) {
      List<Float> s = new ArrayList<>();
      List<Float> a = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        s.add((float) random.nextGaussian() * 100);
        a.add(random.nextInt(50) == 0 ? -0.0f : random.nextFloat());
      }
      state.add(s);
      if (random.nextBoolean()) {
        action.add(a);
      }
    }
    return JointChunk.newBuilder()
        .setEpisodeId(EP)
        .setSequence(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(100))
        .setFirstSampleIndex(random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(10_000))
        .setCaptureMonoNanos(mono)
        .setCaptureWallMicros(wall)
        .setState(state)
        .setAction(action)
        .build();
  }

  /** What the rules say about a chunk: "ok" or the reason code. */
  static String verdict(ChunkView view) {
    try {
      EpisodeValidator.validateChunk(EP, view.sequence(), view, JointShape.UNKNOWN);
      return "ok";
    } catch (Rejection r) {
      return r.reason();
    }
  }

  /** The same record in Avro's blocking encoding: arrays in blocks with byte sizes. */
  static byte[] blocked(JointChunk chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(CODEC.encode(chunk), 0, 10);
    BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
    new SpecificDatumWriter<>(JointChunk.class).write(chunk, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void aCanonicalBodyIsReadInPlaceWithEveryField() {
    Random random = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      JointChunk chunk = randomChunk(random);
      byte[] body = CODEC.encode(chunk);
      ChunkView view = ChunkScanner.scan(body);
      assertThat(view).as("chunk %d", n).isNotNull();
      ChunkView decoded = ChunkView.of(chunk);
      assertThat(view.episodeId()).isEqualTo(decoded.episodeId());
      assertThat(view.sequence()).isEqualTo(decoded.sequence());
      assertThat(view.firstSampleIndex()).isEqualTo(decoded.firstSampleIndex());
      assertThat(view.sampleCount()).isEqualTo(decoded.sampleCount());
      assertThat(view.captureWallMicrosCount()).isEqualTo(decoded.captureWallMicrosCount());
      for (int i = 0; i < view.sampleCount(); i++) {
        assertThat(view.captureMonoNanos(i)).isEqualTo(decoded.captureMonoNanos(i));
      }
      assertSameColumns(view.state(), decoded.state());
      assertSameColumns(view.action(), decoded.action());
      assertThat(verdict(view)).isEqualTo(verdict(decoded));
      ReceivedChunk received = ReceivedChunk.read(body);
      assertThat(received.canonical()).isSameAs(body);
    }
  }

  private static void assertSameColumns(ChunkView.Columns a, ChunkView.Columns b) {
    assertThat(a.count()).isEqualTo(b.count());
    for (int j = 0; j < a.count(); j++) {
      assertThat(a.length(j)).isEqualTo(b.length(j));
      for (int i = 0; i < a.length(j); i++) {
        assertThat(Float.floatToRawIntBits(a.value(j, i)))
            .isEqualTo(Float.floatToRawIntBits(b.value(j, i)));
      }
    }
  }

  @Test
  void aValidButNonCanonicalBodyIsDecodedAndItsCanonicalBytesAreTheCodecs() throws Exception {
    JointChunk chunk = Fixtures.chunk(EP, 3, 30);
    byte[] canonical = CODEC.encode(chunk);
    byte[] blocked = blocked(chunk);
    assertThat(blocked).isNotEqualTo(canonical);
    byte[] overlongSequence = canonical.clone();
    // sequence 3 = zig-zag 6; "0x86 0x00" is 6 in two bytes, which Avro reads but never writes.
    int at = 10 + 1 + EP.length();
    assertThat(overlongSequence[at]).isEqualTo((byte) 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(canonical, 0, at);
    out.write(0x86);
    out.write(0x00);
    out.write(canonical, at + 1, canonical.length - at - 1);
    overlongSequence = out.toByteArray();
    for (byte[] body : List.of(blocked, overlongSequence)) {
      assertThat(ChunkScanner.scan(body)).isNull();
      ReceivedChunk received = ReceivedChunk.read(body);
      assertThat(received.canonical()).isEqualTo(canonical);
      assertThat(verdict(received.view())).isEqualTo("ok");
    }
  }

  @Test
  void bodiesWithTrailingBytesOrAnotherHeaderLeaveTheFastPath() {
    byte[] canonical = CODEC.encode(Fixtures.chunk(EP, 1, 5));
    byte[] trailing = Arrays.copyOf(canonical, canonical.length + 1);
    byte[] otherFingerprint = canonical.clone();
    otherFingerprint[5] ^= 1;
    assertThat(ChunkScanner.scan(trailing)).isNull();
    assertThat(ChunkScanner.scan(otherFingerprint)).isNull();
    assertThat(ChunkScanner.scan(Arrays.copyOf(canonical, 9))).isNull();
    assertThat(ChunkScanner.scan(Arrays.copyOf(canonical, canonical.length - 1))).isNull();
  }

  /**
   * Whatever the bytes, the fast path agrees with decoding: same rule outcome and same canonical
   * bytes whenever it accepts a body, and it never throws.
   */
  @Test
  void tenThousandMutatedBodiesGetTheSameAnswerAsTheDecodingPath() {
    Random random = new Random(20261122);
    PayloadDecoder<JointChunk> decoder = new PayloadDecoder<>(CODEC);
    int scanned = 0;
    for (int n = 0; n < 10_000; n++) {
      byte[] body = Fuzz.mutate(CODEC.encode(randomChunk(random)), random);
      ChunkView view = ChunkScanner.scan(body);
      if (view == null) {
        continue;
      }
      scanned++;
      JointChunk decoded = decoder.decode(body); // a canonical body always decodes
      assertThat(CODEC.encode(decoded)).as("mutation %d", n).isEqualTo(body);
      assertThat(verdict(view)).as("mutation %d", n).isEqualTo(verdict(ChunkView.of(decoded)));
    }
    assertThat(scanned).isGreaterThan(500);
  }
}
