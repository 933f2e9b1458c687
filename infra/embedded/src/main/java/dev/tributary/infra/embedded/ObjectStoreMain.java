package dev.tributary.infra.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded S3-compatible store (S3Proxy over a folder) as its own process:
 *
 * <pre>
 * java -cp ... dev.tributary.infra.embedded.ObjectStoreMain DIR PORT ACCESS_KEY SECRET_KEY
 * </pre>
 *
 * Prints {@code ready <endpoint>} once started; stops cleanly on SIGTERM.
 */
public final class ObjectStoreMain {
  private ObjectStoreMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ObjectStoreMain DIR PORT ACCESS_KEY SECRET_KEY");
      System.exit(2);
    }
    EmbeddedObjectStore store =
        EmbeddedObjectStore.start(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3]);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  store.close();
                  stopped.countDown();
                }));
    System.out.println("ready " + store.endpoint());
    System.out.flush();
    stopped.await();
  }
}
