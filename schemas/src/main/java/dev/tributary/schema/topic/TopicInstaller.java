package dev.tributary.schema.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the platform's topics if they are missing; existing topics are left as they are. */
public final class TopicInstaller {
  private TopicInstaller() {}

  /**
   * @param partitions partitions for the episode-keyed topics (ingest, verdicts)
   * @param replicationFactor 1 on one machine, 3 in production (then with {@code
   *     min.insync.replicas=2})
   */
  public static void ensure(Admin admin, int partitions, short replicationFactor)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?> topic : Topics.all()) {
        if (!existing.contains(topic.name())) {
          int count = topic == Topics.REGISTRY || topic == Topics.DEAD_LETTER ? 1 : partitions;
          Map<String, String> config = new HashMap<>(topic.config());
          if (replicationFactor >= 3) {
            // acks=all then survives one broker down and refuses writes only with two down
            config.putIfAbsent("min.insync.replicas", "2");
          }
          missing.add(new NewTopic(topic.name(), count, replicationFactor).configs(config));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "creating Kafka topics failed: " + e.getCause(), e.getCause());
      }
    }
  }
}
