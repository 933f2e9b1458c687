package dev.tributary.schema.topic;

import dev.tributary.schema.codec.AvroCodec;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic declared once: its name, the Avro type of its values (keys are UTF-8 strings) and
 * the topic-level configuration it is created with.
 *
 * @param name topic name
 * @param codec value codec (single-object encoding)
 * @param keyDescription what the key is, for docs and error messages
 * @param config topic configuration applied at creation (e.g. compaction)
 */
public record Topic<V extends SpecificRecord>(
    String name, AvroCodec<V> codec, String keyDescription, Map<String, String> config) {

  public Class<V> valueType() {
    return codec.type();
  }

  @Override
  public String toString() {
    return name;
  }
}
