package dev.tributary.recorder.arm;

/**
 * The Feetech STS/SMS bus-servo protocol (STS3215 in the SO-100/SO-101 arms), as far as recording
 * needs it: {@code 0xFF 0xFF id length instruction params… checksum}, length = params + 2, checksum
 * = the inverted low byte of the sum from id to the last parameter. Replies carry an error byte in
 * the instruction's place. Multi-byte registers are little-endian.
 */
public final class FeetechProtocol {
  public static final int PING = 0x01;
  public static final int READ = 0x02;

  /** One instruction to the broadcast id: each listed servo answers with its own status packet. */
  public static final int SYNC_READ = 0x82;

  public static final int BROADCAST_ID = 0xFE;

  /** Present_Position: 2 bytes at 56, sign-magnitude with the sign in bit 15. */
  public static final int PRESENT_POSITION = 56;

  /** Homing_Offset: 2 bytes at 31, sign-magnitude with the sign in bit 11. */
  public static final int HOMING_OFFSET = 31;

  /** The STS3215 reports 4096 steps per turn. */
  public static final int RESOLUTION = 4096;

  private FeetechProtocol() {}

  /** An instruction packet. */
  public static byte[] instruction(int id, int instruction, int... params) {
    byte[] packet = new byte[6 + params.length];
    packet[0] = (byte) 0xFF;
    packet[1] = (byte) 0xFF;
    packet[2] = (byte) id;
    packet[3] = (byte) (params.length + 2);
    packet[4] = (byte) instruction;
    for (int i = 0; i < params.length; i++) {
      packet[5 + i] = (byte) params[i];
    }
    packet[packet.length - 1] = checksum(packet, packet.length - 1);
    return packet;
  }

  /** A status packet (the servo's answer): error byte then the data read. */
  public static byte[] status(int id, int error, byte... data) {
    int[] params = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      params[i] = data[i] & 0xFF;
    }
    return instruction(id, error, params);
  }

  /** The checksum over {@code packet[2 .. end)}. */
  public static byte checksum(byte[] packet, int end) {
    int sum = 0;
    for (int i = 2; i < end; i++) {
      sum += packet[i] & 0xFF;
    }
    return (byte) (~sum & 0xFF);
  }

  /** Decodes a little-endian register value whose sign is bit {@code signBit} (sign-magnitude). */
  public static int decodeSignMagnitude(int raw, int signBit) {
    int magnitude = raw & ((1 << signBit) - 1);
    return (raw & (1 << signBit)) != 0 ? -magnitude : magnitude;
  }

  /** Encodes {@code value} as sign-magnitude with the sign in bit {@code signBit}. */
  public static int encodeSignMagnitude(int value, int signBit) {
    return value < 0 ? (-value) | (1 << signBit) : value;
  }

  /**
   * Describes a servo's error byte (bits: voltage, sensor, temperature, current, angle, overload).
   */
  public static String describeError(int error) {
    String[] names = {"voltage", "angle sensor", "overheat", "overcurrent", "angle", "overload"};
    StringBuilder text = new StringBuilder();
    for (int bit = 0; bit < names.length; bit++) {
      if ((error & (1 << bit)) != 0) {
        text.append(text.length() == 0 ? "" : ", ").append(names[bit]);
      }
    }
    return text.length() == 0 ? "error 0x" + Integer.toHexString(error) : text.toString();
  }
}
