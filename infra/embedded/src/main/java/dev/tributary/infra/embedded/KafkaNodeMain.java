package dev.tributary.infra.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one node of a local multi-node KRaft cluster as its own process (Kafka's own server), for
 * cluster tests and local experiments:
 *
 * <pre>
 * java -cp ... dev.tributary.infra.embedded.KafkaNodeMain LOG_DIR NODE_ID PORT CONTROLLER_PORT \
 *     VOTERS CLUSTER_ID SIZE
 * </pre>
 *
 * Prints {@code ready <bootstrap>} once started; stops cleanly on SIGTERM.
 */
public final class KafkaNodeMain {
  private KafkaNodeMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: KafkaNodeMain LOG_DIR NODE_ID PORT CONTROLLER_PORT VOTERS CLUSTER_ID SIZE");
      System.exit(2);
    }
    EmbeddedKafka node =
        EmbeddedKafka.startNode(
            Path.of(args[0]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            new EmbeddedKafka.Quorum(
                Integer.parseInt(args[1]), args[4], args[5], Integer.parseInt(args[6])));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println("ready " + node.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
