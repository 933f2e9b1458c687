package dev.tributary.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.topic.Topic;
import dev.tributary.schema.topic.Topics;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a schema change would break a reader or writer of an earlier released
 * version.
 *
 * <p>Released versions live in {@code src/main/resources/schema-history/<Record>/vN.avsc}. To
 * release a compatible change, copy the new schema there as the next version (the failure message
 * prints it).
 */
class SchemaCompatibilityTest {

  /**
   * The topics' records, and the wire records that old recorders' spools and requests still carry
   * (those with a released history).
   */
  static Stream<AvroCodec<?>> topics() {
    return Stream.concat(
        Topics.all().stream().map(Topic::codec), Stream.of(AvroCodec.of(VideoSegment.class)));
  }

  @ParameterizedTest(name = "{0}: current schema can read every released version")
  @MethodSource("topics")
  void newReadersReadEveryReleasedVersion(AvroCodec<?> codec) {
    String topic = codec.type().getSimpleName();
    assertThat(codec.history())
        .as("released versions of " + codec.type().getSimpleName())
        .isNotEmpty();
    for (Schema released : codec.history()) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(codec.schema(), released);
      assertThat(result.getType())
          .as("reading %s written with a released version: %s", topic, result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest(name = "{0}: every released version can read the current schema")
  @MethodSource("topics")
  void releasedReadersReadTheCurrentVersion(AvroCodec<?> codec) {
    String topic = codec.type().getSimpleName();
    for (Schema released : codec.history()) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(released, codec.schema());
      assertThat(result.getType())
          .as("old readers of %s reading the current schema: %s", topic, result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest(name = "{0}: the current schema is released")
  @MethodSource("topics")
  void currentSchemaIsReleased(AvroCodec<?> codec) {
    assertThat(codec.history().stream().map(AvroCodec::fingerprintHex))
        .as(
            "The schema of %s changed but is not in schema-history. If the change is compatible (the other"
                + " tests pass), save it as schemas/src/main/resources/schema-history/%s/v%d.avsc:%n%s",
            codec.type().getSimpleName(),
            codec.type().getSimpleName(),
            codec.history().size() + 1,
            codec.schema().toString(true))
        .contains(codec.fingerprintHex());
  }
}
