package dev.tributary.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers: everything Tributary binds in embedded mode binds 127.0.0.1 only. */
public final class Ports {
  private Ports() {}

  public static final String LOOPBACK = "127.0.0.1";

  /** A port that was free a moment ago (for tests: pass 0 in configs to get one). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /**
   * Returns {@code port}, or a free one when it is 0; fails with a fix-it message when it is taken.
   */
  public static int claim(int port, String component, String option) {
    if (port == 0) {
      return free();
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return port;
    } catch (IOException e) {
      throw new PortInUseException(component, port, option);
    }
  }
}
