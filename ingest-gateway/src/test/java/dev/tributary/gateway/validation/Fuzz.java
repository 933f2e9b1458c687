package dev.tributary.gateway.validation;

import java.util.Arrays;
import java.util.Random;

/** Byte-level mutations of a valid payload: the kinds of damage a network or a bug does. */
public final class Fuzz {
  private Fuzz() {}

  public static byte[] mutate(byte[] valid, Random random) {
    byte[] out = valid.clone();
    switch (random.nextInt(7)) {
      case 0 -> { // flip random bits in the body
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          int at = 10 + random.nextInt(out.length - 10);
          out[at] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length)); // truncate
      case 2 -> { // random bytes after a valid header
        byte[] tail = new byte[random.nextInt(200)];
        random.nextBytes(tail);
        out = Arrays.copyOf(out, 10 + tail.length);
        System.arraycopy(tail, 0, out, 10, tail.length);
      }
      case 3 -> { // overwrite a byte with an extreme varint byte
        int at = 10 + random.nextInt(out.length - 10);
        out[at] = (byte) (random.nextBoolean() ? 0xFF : 0x7F);
      }
      case 4 -> { // completely random
        out = new byte[random.nextInt(300)];
        random.nextBytes(out);
      }
      case 5 -> { // damage the header
        out[random.nextInt(10)] ^= (byte) (1 + random.nextInt(255));
      }
      default -> { // append garbage
        byte[] tail = new byte[1 + random.nextInt(50)];
        random.nextBytes(tail);
        out = Arrays.copyOf(out, out.length + tail.length);
        System.arraycopy(tail, 0, out, valid.length, tail.length);
      }
    }
    return out;
  }
}
