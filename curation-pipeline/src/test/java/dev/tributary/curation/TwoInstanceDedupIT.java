package dev.tributary.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.curation.testing.SyntheticEpisode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one consumer group: a copy whose partition belongs to another instance than its
 * original's is still recorded as a duplicate, because each instance adds the episodes the other
 * commits to its indexes after every commit cycle (not only at partition assignment).
 */
class TwoInstanceDedupIT extends PipelineITSupport {

  @Test
  void aCopyArrivingAtTheOtherInstanceIsStillAnExactDuplicate() throws Exception {
    String a = "two-a-" + site;
    String b = "two-b-" + site;
    Map<String, MeterRegistry> registries =
        Map.of(a, new SimpleMeterRegistry(), b, new SimpleMeterRegistry());
    pipelines.add(CurationPipeline.start(config.withInstanceId(a), registries.get(a)));
    pipelines.add(CurationPipeline.start(config.withInstanceId(b), registries.get(b)));
    Map<Integer, String> owners = awaitBothMembersOwnPartitions(Set.of(a, b));

    long seed = random.nextLong();
    SyntheticEpisode original = SyntheticEpisode.builder().siteId(site).seed(seed).build();
    clients.publish(original.events());
    await().atMost(WAIT).until(() -> ids(reader.episodes(site)).contains(original.episodeId()));

    String decidedBy = owners.get(partitionOf(original.episodeId()));
    String other = decidedBy.equals(a) ? b : a;
    // The other instance adds the original to its indexes after one of its next commit cycles.
    // (This class has a broker of its own and one test: the original is the only row in the lake.)
    await().atMost(WAIT).until(() -> caughtUp(registries.get(other)) >= 1);
    assertThat(reader.episodes(site)).hasSize(1);

    SyntheticEpisode copy =
        SyntheticEpisode.builder()
            .siteId(site)
            .seed(seed)
            .episodeId(idOnAPartitionOf(other, owners))
            .chunkSize(50)
            .build();
    clients.publish(copy.events());

    await().atMost(WAIT).until(() -> ids(reader.episodes(site)).contains(copy.episodeId()));
    Record dup = byId(reader.episodes(site)).get(copy.episodeId());
    assertThat(dup.getField("status")).isEqualTo("DUPLICATE");
    assertThat(dup.getField("duplicate_of")).isEqualTo(original.episodeId());
  }

  /** Partition -> instance id, once both instances own at least one partition. */
  private Map<Integer, String> awaitBothMembersOwnPartitions(Set<String> instances) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    Map<Integer, String> owners = new HashMap<>();
    try (Admin admin = Admin.create(p)) {
      await()
          .atMost(WAIT)
          .until(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of(config.groupId()))
                        .all()
                        .get()
                        .get(config.groupId());
                owners.clear();
                Set<String> owning = new HashSet<>();
                for (MemberDescription m : group.members()) {
                  String instance = m.groupInstanceId().orElse(m.consumerId());
                  for (TopicPartition tp : m.assignment().topicPartitions()) {
                    owners.put(tp.partition(), instance);
                    owning.add(instance);
                  }
                }
                return owning.equals(instances) && owners.size() == 3;
              });
    }
    return Map.copyOf(owners);
  }

  private static double caughtUp(MeterRegistry registry) {
    return registry.get("tributary.curation.indexes.caught.up").counter().count();
  }

  private static String idOnAPartitionOf(String instance, Map<Integer, String> owners) {
    while (true) {
      String id = UUID.randomUUID().toString();
      if (instance.equals(owners.get(partitionOf(id)))) {
        return id;
      }
    }
  }

  private static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
  }

  private static List<String> ids(List<Record> rows) {
    return rows.stream().map(r -> (String) r.getField("episode_id")).toList();
  }
}
