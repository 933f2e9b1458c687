package dev.tributary.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server (S3Proxy) over a local folder, on loopback. Objects are plain files
 * under {@code <dir>/<bucket>/<key>}, so they survive restarts and can be inspected directly.
 */
public final class EmbeddedObjectStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedObjectStore.class);

  private final S3Proxy proxy;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedObjectStore(S3Proxy proxy, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts S3Proxy; {@code port} 0 picks a free one. */
  public static EmbeddedObjectStore start(Path dir, int port, String accessKey, String secretKey) {
    int bound = Ports.claim(port, "the S3-compatible object store", "--s3-port");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create object store folder " + dir, e);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(dir.toString()))
            .endpoint(URI.create("http://" + Ports.LOOPBACK + ":" + bound))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start within 30 s");
        }
        Thread.onSpinWait();
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new IllegalStateException("starting S3Proxy on port " + bound + " failed: " + e, e);
    }
    LOG.info(
        "S3-compatible object store started on http://127.0.0.1:{}, objects in {}", bound, dir);
    return new EmbeddedObjectStore(proxy, accessKey, secretKey);
  }

  public URI endpoint() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + proxy.getPort());
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("stopping S3Proxy failed: {}", e.toString());
    }
  }

  /**
   * Always called, in a finally or shutdown hook: S3Proxy's Jetty threads would keep the JVM alive.
   */
  @Override
  public void close() {
    stopQuietly(proxy);
    LOG.info("object store stopped");
  }
}
