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

  static Stream<Topic<?>> topics() {
    return Topics.all().stream();
  }

  @ParameterizedTest(name = "{0}: current schema can read every released version")
  @MethodSource("topics")
  void newReadersReadEveryReleasedVersion(Topic<?> topic) {
    AvroCodec<?> codec = topic.codec();
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
  void releasedReadersReadTheCurrentVersion(Topic<?> topic) {
    AvroCodec<?> codec = topic.codec();
    for (Schema released : codec.history()) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(released, codec.schema());
      assertThat(result.getType())
          .as("old readers of %s reading the current schema: %s", topic, result.getDescription())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest(name = "{0}: the current schema is released")
  @MethodSource("topics")
  void currentSchemaIsReleased(Topic<?> topic) {
    AvroCodec<?> codec = topic.codec();
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
