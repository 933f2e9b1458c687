package dev.tributary.schema.topic;

import dev.tributary.schema.codec.InvalidPayloadException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializers for a typed topic's values. */
public final class TopicSerdes {
  private TopicSerdes() {}

  public static <V extends SpecificRecord> Serializer<V> serializer(Topic<V> topic) {
    return (t, value) -> value == null ? null : topic.codec().encode(value);
  }

  /**
   * A deserializer that throws {@link SerializationException} on bad bytes. Consumers that must not
   * stop on poison records read raw bytes and call {@link Topic#codec()} themselves instead.
   */
  public static <V extends SpecificRecord> Deserializer<V> deserializer(Topic<V> topic) {
    return (t, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return topic.codec().decode(bytes);
      } catch (InvalidPayloadException e) {
        throw new SerializationException(e.getMessage(), e);
      }
    };
  }
}
