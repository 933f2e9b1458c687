package dev.tributary.recorder.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a recorder accepts from an {@code https://} gateway, when the gateway's
 * certificate is not signed by a CA the JVM already trusts (a site-internal CA, a self-signed test
 * certificate). Host names are still verified against the certificate.
 */
public final class GatewayTrust {
  private GatewayTrust() {}

  /**
   * @param file PEM file of one or more CA (or self-signed server) certificates, or a PKCS#12 trust
   *     store ({@code .p12}/{@code .pfx}) with an empty password
   * @throws IllegalArgumentException with a one-line reason when the file holds no usable
   *     certificate
   */
  public static SSLContext fromFile(Path file) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".p12") || name.endsWith(".pfx")) {
        store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
          store.load(in, new char[0]);
        }
      } else {
        store.load(null, null);
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
          certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        int i = 0;
        for (Certificate cert : certs) {
          store.setCertificateEntry("ca-" + i++, cert);
        }
      }
      if (store.size() == 0) {
        throw new IllegalArgumentException(
            "gateway CA file "
                + file
                + " holds no certificate: give a PEM file of CA certificates");
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read gateway CA file " + file + ": " + e.getMessage(), e);
    }
  }
}
