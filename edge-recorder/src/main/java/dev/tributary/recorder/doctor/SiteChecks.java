package dev.tributary.recorder.doctor;

import dev.tributary.recorder.site.SiteToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** The site-side checks of {@code doctor}: gateway, TLS, token, disk. Each returns a finding. */
public final class SiteChecks {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final String PROBE_EPISODE = "00000000-0000-0000-0000-000000000000";

  private SiteChecks() {}

  /** Reaches the gateway (any HTTP answer counts); for https, the TLS handshake first. */
  public static Finding gateway(URI gateway) {
    if (gateway == null) {
      return Finding.problem(
          "gateway",
          "no gateway configured",
          "set gateway=https://… in the config file (or --gateway, TRIBUTARY_RECORDER_GATEWAY);"
              + " the organizer gives you the URL");
    }
    long start = System.nanoTime();
    try {
      HttpResponse<Void> answer =
          client()
              .send(
                  HttpRequest.newBuilder(gateway).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
      return Finding.ok(
          "gateway",
          String.format(
              "%s answered %d in %d ms",
              gateway, answer.statusCode(), (System.nanoTime() - start) / 1_000_000));
    } catch (HttpConnectTimeoutException | ConnectException e) {
      return Finding.problem(
          "gateway",
          gateway + " is not reachable (" + describe(e) + ")",
          "check the URL and port, that this machine is on the event's network, and that the gateway runs");
    } catch (IOException e) {
      if (e.getCause() instanceof UnknownHostException
          || e instanceof java.net.http.HttpTimeoutException) {
        return Finding.problem(
            "gateway",
            gateway + ": " + describe(e),
            "check the host name and the network (Wi-Fi, VPN, proxy)");
      }
      return Finding.problem(
          "gateway",
          gateway + ": " + describe(e),
          "check the URL (http or https?) and the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.problem("gateway", "interrupted", "run doctor again");
    }
  }

  /** For https gateways: the TLS handshake with this Java's trusted certificates. */
  public static Optional<Finding> tls(URI gateway) {
    if (gateway == null || !"https".equalsIgnoreCase(gateway.getScheme())) {
      return Optional.empty();
    }
    int port = gateway.getPort() < 0 ? 443 : gateway.getPort();
    try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
      socket.connect(
          new java.net.InetSocketAddress(gateway.getHost(), port), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      var parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      var session = socket.getSession();
      X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
      return Optional.of(
          Finding.ok(
              "tls",
              String.format(
                  "%s with %s, certificate %s valid until %s",
                  session.getProtocol(),
                  gateway.getHost(),
                  leaf.getSubjectX500Principal().getName(),
                  leaf.getNotAfter().toInstant())));
    } catch (SSLException e) {
      return Optional.of(
          Finding.problem(
              "tls",
              "TLS handshake with " + gateway.getHost() + ":" + port + " failed: " + describe(e),
              "the gateway's certificate is not trusted by this Java or does not name this host:"
                  + " ask the organizer for the CA certificate and add it to the trust store, or use"
                  + " the exact host name the certificate was issued for"));
    } catch (IOException e) {
      return Optional.of(
          Finding.problem(
              "tls",
              gateway.getHost() + ":" + port + ": " + describe(e),
              "check the URL and the network"));
    }
  }

  /** The stored site token, and whether the gateway accepts it (when it is reachable). */
  public static Finding token(Path spool, URI gateway, boolean gatewayReachable) {
    Optional<String> token;
    try {
      token = SiteToken.load(spool);
    } catch (IOException e) {
      return Finding.problem(
          "token",
          "cannot read " + SiteToken.file(spool) + ": " + describe(e),
          "check the spool folder's permissions");
    }
    if (token.isEmpty()) {
      return Finding.problem(
          "token",
          "no site token in " + spool,
          "enroll once: tributary-recorder enroll --code <code from the organizer> (same --spool)");
    }
    if (gateway == null || !gatewayReachable) {
      return Finding.ok(
          "token", "stored in " + SiteToken.file(spool) + " (not checked: gateway unreachable)");
    }
    try {
      HttpResponse<Void> answer =
          client()
              .send(
                  HttpRequest.newBuilder(gateway.resolve("v1/episodes/" + PROBE_EPISODE))
                      .header("Authorization", "Bearer " + token.get())
                      .timeout(TIMEOUT)
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() == 401 || answer.statusCode() == 403) {
        return Finding.problem(
            "token",
            "the gateway refuses the stored token ("
                + answer.statusCode()
                + "): it was revoked or belongs to another gateway",
            "delete "
                + SiteToken.file(spool)
                + " and enroll again with a new code from the organizer");
      }
      return Finding.ok(
          "token", "stored in " + SiteToken.file(spool) + " and accepted by the gateway");
    } catch (IOException e) {
      return Finding.problem(
          "token",
          "could not check the token: " + describe(e),
          "run doctor again when the gateway is reachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.problem("token", "interrupted", "run doctor again");
    }
  }

  /** Free space where the spool lives (the spool refuses new recordings below {@code minFree}). */
  public static Finding disk(Path spool, long minFreeBytes) {
    Path existing = spool.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Finding.problem(
          "disk", "no existing folder above " + spool, "create the spool's parent folder");
    }
    try {
      FileStore store = Files.getFileStore(existing);
      long free = store.getUsableSpace();
      // ~1.2 GiB per hour for 3 cameras at 640x480@30 plus joints (0.1 bit/pixel).
      String detail =
          String.format(
              "%.1f GiB free at %s (about %.0f h of 3-camera recording)",
              free / 1073741824.0, existing, free / 1.2 / 1073741824.0);
      if (free < minFreeBytes) {
        return Finding.problem(
            "disk",
            detail + ", below the " + minFreeBytes / 1048576 + " MiB the spool keeps free",
            "free disk space or put the spool (spool=) on a bigger disk");
      }
      if (!Files.isWritable(existing)) {
        return Finding.problem(
            "disk", existing + " is not writable", "choose a spool folder this user can write");
      }
      return Finding.ok("disk", detail);
    } catch (IOException e) {
      return Finding.problem(
          "disk",
          "cannot read free space at " + existing + ": " + describe(e),
          "check the spool path");
    }
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The deepest message of a cause chain (the most specific), on one line. */
  static String describe(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return (message == null ? e.getClass().getSimpleName() : message).replaceAll("\\s+", " ");
  }
}
