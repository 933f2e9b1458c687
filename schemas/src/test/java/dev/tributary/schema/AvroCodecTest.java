package dev.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.schema.codec.InvalidPayloadException;
import dev.tributary.schema.topic.Topics;
import java.util.Arrays;
import java.util.List;
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
