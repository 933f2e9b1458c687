package dev.tributary.recorder.arm;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/**
 * One USB-serial Feetech bus (one arm), read with jSerialComm at 1 Mbit/s, one transaction at a
 * time: send an instruction, read the servo's answer within {@link #replyTimeoutMillis}.
 */
public final class FeetechBus implements AutoCloseable {
  public static final int BAUD = 1_000_000;

  private final SerialPort port;
  private final String name;
  private final int replyTimeoutMillis;
  private final byte[] reply = new byte[64];
  private volatile String lastServoError;

  private FeetechBus(SerialPort port, String name, int replyTimeoutMillis) {
    this.port = port;
    this.name = name;
    this.replyTimeoutMillis = replyTimeoutMillis;
  }

  /** Opens the serial port (e.g. /dev/ttyACM0, /dev/tty.usbmodem…, COM3). */
  public static FeetechBus open(String portName, int replyTimeoutMillis) throws IOException {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(portName);
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot open serial port "
              + portName
              + ": no such port (is the arm plugged in and the name right? see `doctor`)",
          e);
    }
    port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, replyTimeoutMillis, 0);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open serial port "
              + portName
              + " (error "
              + port.getLastErrorCode()
              + "): is the arm plugged in, is the name right (see `doctor`), and may this user"
              + " use it (Linux: add yourself to the dialout group)?");
    }
    return new FeetechBus(port, portName, replyTimeoutMillis);
  }

  /** The last error a servo reported in its status byte (overload, overheat…), if any. */
  public String lastServoError() {
    return lastServoError;
  }

  public String name() {
    return name;
  }

  /** True if the servo answers a PING. */
  public boolean ping(int id) throws BusFault {
    try {
      transact(id, FeetechProtocol.instruction(id, FeetechProtocol.PING), 0);
      return true;
    } catch (BusFault e) {
      if (e.kind() == BusFault.Kind.UNPLUGGED) {
        throw e;
      }
      return false;
    }
  }

  /** Present_Position of one servo, in steps (0-4095 for an STS3215, after its homing offset). */
  public int readPresentPosition(int id) throws BusFault {
    return FeetechProtocol.decodeSignMagnitude(
        readRegister(id, FeetechProtocol.PRESENT_POSITION), 15);
  }

  /**
   * Present_Position of several servos in one SYNC_READ (what lerobot does: one round trip through
   * the USB adapter instead of one per servo). {@code answered[i]} tells whether servo {@code
   * ids[i]} gave a valid answer; the others are for the caller to read on their own.
   */
  public void syncReadPresentPositions(int[] ids, int[] positions, boolean[] answered)
      throws BusFault {
    int[] params = new int[2 + ids.length];
    params[0] = FeetechProtocol.PRESENT_POSITION;
    params[1] = 2;
    for (int i = 0; i < ids.length; i++) {
      params[2 + i] = ids[i];
      answered[i] = false;
    }
    byte[] packet =
        FeetechProtocol.instruction(
            FeetechProtocol.BROADCAST_ID, FeetechProtocol.SYNC_READ, params);
    if (!port.isOpen()) {
      throw unplugged(ids[0], "port closed");
    }
    if (port.bytesAvailable() > 0) {
      port.readBytes(new byte[port.bytesAvailable()], port.bytesAvailable());
    }
    if (port.writeBytes(packet, packet.length) != packet.length) {
      throw unplugged(ids[0], "write failed (error " + port.getLastErrorCode() + ")");
    }
    byte[] replies = new byte[8 * ids.length];
    int read = 0;
    while (read < replies.length) {
      int n = port.readBytes(replies, replies.length - read, read);
      if (n < 0) {
        throw unplugged(ids[0], "read failed (error " + port.getLastErrorCode() + ")");
      }
      if (n == 0) {
        break; // a servo is silent: the ones that answered are still used
      }
      read += n;
    }
    // Status packets of 8 bytes (FF FF id 4 error lo hi checksum), in any order, possibly with
    // gaps.
    for (int at = 0; at + 8 <= read; ) {
      boolean header = (replies[at] & 0xFF) == 0xFF && (replies[at + 1] & 0xFF) == 0xFF;
      byte[] status = java.util.Arrays.copyOfRange(replies, at, at + 8);
      if (!header || (status[3] & 0xFF) != 4 || FeetechProtocol.checksum(status, 7) != status[7]) {
        at++;
        continue;
      }
      int id = status[2] & 0xFF;
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == id) {
          int raw = (status[5] & 0xFF) | (status[6] & 0xFF) << 8;
          positions[i] = FeetechProtocol.decodeSignMagnitude(raw, 15);
          answered[i] = true;
        }
      }
      at += 8;
    }
  }

  /** Homing_Offset of one servo, as lerobot-calibrate wrote it. */
  public int readHomingOffset(int id) throws BusFault {
    return FeetechProtocol.decodeSignMagnitude(readRegister(id, FeetechProtocol.HOMING_OFFSET), 11);
  }

  private int readRegister(int id, int address) throws BusFault {
    transact(id, FeetechProtocol.instruction(id, FeetechProtocol.READ, address, 2), 2);
    return (reply[5] & 0xFF) | (reply[6] & 0xFF) << 8;
  }

  /** Sends one instruction and reads its answer (6 + dataLength bytes) into {@link #reply}. */
  private void transact(int id, byte[] packet, int dataLength) throws BusFault {
    if (!port.isOpen()) {
      throw unplugged(id, "port closed");
    }
    // Drop a late answer of an earlier, timed-out transaction so it is not taken for this one.
    if (port.bytesAvailable() > 0) {
      port.readBytes(new byte[port.bytesAvailable()], port.bytesAvailable());
    }
    if (port.writeBytes(packet, packet.length) != packet.length) {
      throw unplugged(id, "write failed (error " + port.getLastErrorCode() + ")");
    }
    int expected = 6 + dataLength;
    int read = 0;
    while (read < expected) {
      int n = port.readBytes(reply, expected - read, read);
      if (n < 0) {
        throw unplugged(id, "read failed (error " + port.getLastErrorCode() + ")");
      }
      if (n == 0) {
        break;
      }
      read += n;
    }
    if (read < expected) {
      throw new BusFault(
          BusFault.Kind.TIMEOUT,
          id,
          String.format(
              "servo %d on %s: %s within %d ms",
              id,
              name,
              read == 0 ? "no answer" : "only " + read + " of " + expected + " bytes",
              replyTimeoutMillis));
    }
    boolean header = (reply[0] & 0xFF) == 0xFF && (reply[1] & 0xFF) == 0xFF;
    if (!header || (reply[2] & 0xFF) != id || (reply[3] & 0xFF) != dataLength + 2) {
      throw new BusFault(
          BusFault.Kind.CORRUPT, id, "servo " + id + " on " + name + ": malformed answer");
    }
    if (FeetechProtocol.checksum(reply, expected - 1) != reply[expected - 1]) {
      throw new BusFault(
          BusFault.Kind.CORRUPT, id, "servo " + id + " on " + name + ": checksum error");
    }
    if ((reply[4] & 0xFF) != 0) {
      // The data is still the servo's reading (lerobot keeps it too); the condition is reported.
      lastServoError =
          "servo "
              + id
              + " on "
              + name
              + " reports "
              + FeetechProtocol.describeError(reply[4] & 0xFF);
    }
  }

  private BusFault unplugged(int id, String why) {
    return new BusFault(
        BusFault.Kind.UNPLUGGED,
        id,
        "serial port " + name + " is gone (" + why + "): was the arm unplugged?");
  }

  @Override
  public void close() {
    port.closePort();
  }
}
