package dev.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

  static IngestEvent chunkEvent() {
    JointChunk chunk =
        JointChunk.newBuilder()
            .setEpisodeId("e1")
            .setSequence(0)
            .setFirstSampleIndex(0)
            .setCaptureMonoNanos(List.of(1L, 2L))
            .setCaptureWallMicros(List.of(10L, 20L))
            .setState(List.of(List.of(1f, 2f)))
            .setAction(List.of())
            .build();
    return IngestEvent.newBuilder()
        .setSiteId("s1")
        .setEpisodeId("e1")
        .setReceivedAtMicros(5)
        .setPayload(chunk)
        .build();
  }

  @Test
  void roundTripsARecordWithItsFingerprint() throws Exception {
    byte[] bytes = Topics.INGEST.codec().encode(chunkEvent());
    assertThat(bytes[0] & 0xff).isEqualTo(0xC3);
    assertThat(Topics.INGEST.codec().decode(bytes)).isEqualTo(chunkEvent());
  }

  /** A chunk of 30 samples of 6 joints, state and action, with NaN and signed zeros. */
  static IngestEvent largeChunkEvent(long seed) {
    Random random = new Random(seed);
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    List<List<Float>> state = new ArrayList<>();
    List<List<Float>> action = new ArrayList<>();
    float[] special = {Float.NaN, -0f, 0f, Float.MIN_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < 30; i++) {
      mono.add(1_000_000_000L * i + random.nextInt(1000));
      wall.add(1_780_000_000_000_000L + 33_333L * i);
      List<Float> s = new ArrayList<>();
      List<Float> a = new ArrayList<>();
      for (int j = 0; j < 6; j++) {
        s.add(i == j ? special[j % special.length] : (float) random.nextGaussian());
        a.add((float) random.nextGaussian() * 100);
      }
      state.add(s);
      action.add(a);
    }
    JointChunk chunk =
        JointChunk.newBuilder()
            .setEpisodeId("episode-" + seed)
            .setSequence(3)
            .setFirstSampleIndex(90)
            .setCaptureMonoNanos(mono)
            .setCaptureWallMicros(wall)
            .setState(state)
            .setAction(action)
            .build();
    return IngestEvent.newBuilder()
        .setSiteId("site-" + seed)
        .setEpisodeId("episode-" + seed)
        .setReceivedAtMicros(seed)
        .setPayload(chunk)
        .build();
  }

  /**
   * The codec reads the body from the array; Avro's own {@code BinaryMessageDecoder} (what it used
   * before) must decode the same records from the same bytes, and reject what it rejects.
   */
  @Test
  void decodesWhatAvrosMessageDecoderDecodes() throws Exception {
    SchemaStore.Cache store = new SchemaStore.Cache();
    Topics.INGEST.codec().history().forEach(store::addSchema);
    BinaryMessageDecoder<IngestEvent> avro =
        new BinaryMessageDecoder<>(
            SpecificData.getForClass(IngestEvent.class), IngestEvent.getClassSchema(), store);
    for (IngestEvent event : List.of(chunkEvent(), largeChunkEvent(1), largeChunkEvent(2))) {
      byte[] bytes = Topics.INGEST.codec().encode(event);
      IngestEvent decoded = Topics.INGEST.codec().decode(bytes);
      assertThat(decoded).isEqualTo(avro.decode(bytes)).isEqualTo(event);
      // decoding again on the same thread reuses the decoder: nothing of the last record leaks
      assertThat(Topics.INGEST.codec().decode(bytes)).isEqualTo(event);
      for (int length = 10; length < bytes.length; length++) {
        byte[] truncated = Arrays.copyOf(bytes, length);
        boolean avroFails;
        try {
          avro.decode(truncated);
          avroFails = false;
        } catch (Exception e) {
          avroFails = true;
        }
        assertThat(avroFails).as("Avro rejects %d of %d bytes", length, bytes.length).isTrue();
        assertThatThrownBy(() -> Topics.INGEST.codec().decode(truncated))
            .isInstanceOfSatisfying(
                InvalidPayloadException.class,
                e -> assertThat(e.reasonCode()).isEqualTo("malformed_avro"));
      }
    }
  }

  @Test
  void rejectsAnUnknownFingerprintWithAReason() {
    byte[] bytes = Topics.INGEST.codec().encode(chunkEvent());
    bytes[3] ^= 0x5a;
    assertThatThrownBy(() -> Topics.INGEST.codec().decode(bytes))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> assertThat(e.reasonCode()).isEqualTo("unknown_schema_fingerprint"))
        .hasMessageContaining("known:");
  }

  @Test
  void rejectsATruncatedBodyWithAReason() {
    byte[] bytes = Topics.INGEST.codec().encode(chunkEvent());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 7);
    assertThatThrownBy(() -> Topics.INGEST.codec().decode(truncated))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> assertThat(e.reasonCode()).isEqualTo("malformed_avro"));
  }

  @Test
  void rejectsBytesWithoutTheMarker() {
    assertThatThrownBy(() -> Topics.INGEST.codec().decode("{\"json\":true}".getBytes()))
        .isInstanceOfSatisfying(
            InvalidPayloadException.class,
            e -> assertThat(e.reasonCode()).isEqualTo("not_single_object_encoding"));
  }
}
