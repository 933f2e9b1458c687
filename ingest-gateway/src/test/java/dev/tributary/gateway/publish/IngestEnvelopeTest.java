package dev.tributary.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.gateway.Fixtures;
import dev.tributary.schema.EpisodeManifest;
import dev.tributary.schema.IngestEvent;
import dev.tributary.schema.JointChunk;
import dev.tributary.schema.codec.AvroCodec;
import dev.tributary.schema.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IngestEnvelopeTest {
  static final AvroCodec<JointChunk> CHUNK = AvroCodec.of(JointChunk.class);
  static final AvroCodec<EpisodeManifest> MANIFEST = AvroCodec.of(EpisodeManifest.class);

  static JointChunk randomChunk(String episodeId, Random random) {
    int samples = 1 + random.nextInt(120);
    List<Long> mono = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      mono.add(i * 10_000_000L + random.nextInt(1000));
      wall.add(random.nextLong());
    }
    List<List<Float>> state = new ArrayList<>();
    List<List<Float>> action = new ArrayList<>();
    for (int j = 0; j < 1 + random.nextInt(14); j++) {
      List<Float> s = new ArrayList<>();
      List<Float> a = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        s.add((float) random.nextGaussian());
        a.add(random.nextFloat() * -1e6f);
      }
      state.add(s);
      action.add(a);
    }
    return JointChunk.newBuilder()
        .setEpisodeId(episodeId)
        .setSequence(random.nextInt(Integer.MAX_VALUE))
        .setFirstSampleIndex(random.nextInt(Integer.MAX_VALUE))
        .setCaptureMonoNanos(mono)
        .setCaptureWallMicros(wall)
        .setState(state)
        .setAction(random.nextBoolean() ? action : List.of())
        .build();
  }

  @Test
  void splicedBytesEqualTheCodecsEncodingOfTheEnvelopeForRandomChunks() {
    Random random = new Random(4);
    for (int n = 0; n < 2_000; n++) {
      String gatewayId = n % 3 == 0 ? "" : "gw-" + random.nextInt(1000) + (n % 7 == 0 ? "é" : "");
      String siteId = "site-" + random.nextInt(100_000) + (n % 5 == 0 ? "-Zürich" : "");
      String episodeId = UUID.randomUUID().toString();
      long receivedAt = n % 11 == 0 ? -random.nextLong(1_000_000) : random.nextLong();
      JointChunk chunk = randomChunk(episodeId, random);
      IngestEnvelope envelope = new IngestEnvelope(gatewayId);
      byte[] spliced =
          envelope.wrap(
              siteId,
              episodeId,
              receivedAt,
              envelope.branchOf(JointChunk.class),
              CHUNK.encode(chunk));
      IngestEvent event =
          IngestEvent.newBuilder()
              .setSiteId(siteId)
              .setEpisodeId(episodeId)
              .setReceivedAtMicros(receivedAt)
              .setGatewayId(gatewayId)
              .setPayload(chunk)
              .build();
      assertThat(spliced).as("chunk %d", n).isEqualTo(Topics.INGEST.codec().encode(event));
    }
  }

  @Test
  void anyPayloadTypeSplicesToTheCodecsBytes() throws Exception {
    String episodeId = Fixtures.newEpisodeId();
    EpisodeManifest manifest = Fixtures.manifest(episodeId, "lisbon", "front", "wrist");
    IngestEnvelope envelope = new IngestEnvelope("gw-1");
    byte[] spliced =
        envelope.wrap(
            "lisbon",
            episodeId,
            1_700_000_000_000_000L,
            envelope.branchOf(EpisodeManifest.class),
            MANIFEST.encode(manifest));
    IngestEvent event =
        new IngestEvent("lisbon", episodeId, 1_700_000_000_000_000L, "gw-1", manifest);
    assertThat(spliced).isEqualTo(Topics.INGEST.codec().encode(event));
    assertThat(Topics.INGEST.codec().decode(spliced).getPayload()).isEqualTo(manifest);
  }
}
