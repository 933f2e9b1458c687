package dev.tributary.infra.embedded;

/**
 * A configured port is already bound by another process. The message names the option that moves
 * it.
 */
public final class PortInUseException extends IllegalStateException {
  public PortInUseException(String component, int port, String option) {
    super(
        "port "
            + port
            + " for "
            + component
            + " is already in use on 127.0.0.1; stop the other process or choose another port with "
            + option);
  }
}
