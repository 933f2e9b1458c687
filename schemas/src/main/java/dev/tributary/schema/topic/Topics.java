package dev.tributary.schema.topic;

import dev.tributary.schema.CurationVerdict;
import dev.tributary.schema.DeadLetter;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.RegistryEntry;
import dev.tributary.schema.codec.AvroCodec;
import java.util.List;
import java.util.Map;

/** Every Kafka topic of the platform, declared once. */
public final class Topics {
  private Topics() {}

  /**
   * Manifests, joint chunks, video references and commits, keyed by episode id (one partition per
   * episode).
   */
  public static final Topic<IngestEvent> INGEST =
      new Topic<>(
          "tributary.ingest.v1",
          AvroCodec.of(IngestEvent.class),
          "episode id",
          Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000)));

  /**
   * Curation decisions, keyed by episode id; compacted so the latest verdict per episode is kept.
   */
  public static final Topic<CurationVerdict> VERDICTS =
      new Topic<>(
          "tributary.verdicts.v1",
          AvroCodec.of(CurationVerdict.class),
          "episode id",
          Map.of("cleanup.policy", "compact"));

  /** Sites, enrolment codes and site tokens (hashes only), keyed by entity; compacted. */
  public static final Topic<RegistryEntry> REGISTRY =
      new Topic<>(
          "tributary.registry.v1",
          AvroCodec.of(RegistryEntry.class),
          "site:<id> | code:<sha256> | token:<sha256>",
          Map.of("cleanup.policy", "compact"));

  /** Records the pipeline could not decode or process, with the reason. */
  public static final Topic<DeadLetter> DEAD_LETTER =
      new Topic<>(
          "tributary.dead-letter.v1",
          AvroCodec.of(DeadLetter.class),
          "source topic/partition/offset",
          Map.of());

  public static List<Topic<?>> all() {
    return List.of(INGEST, VERDICTS, REGISTRY, DEAD_LETTER);
  }
}
