package dev.tributary.recorder.sim;

import dev.tributary.media.YuvImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The look of a site's workspace, derived from the site id only: floor and table colours, table
 * texture, the object's colour, shape and size, where the bin stands, the light level and a few
 * static distractor objects. Different sites therefore contribute visibly different scenes.
 */
public record SceneStyle(
    int floorColor,
    int tableColor,
    int tableStripeColor,
    int stripePeriodPx,
    int objectColor,
    boolean roundObject,
    double objectSizeM,
    int binColor,
    double binPanDeg,
    double binReachM,
    double light,
    List<Distractor> distractors,
    String task) {

  /** A static object on the table (x forward, y left, metres). */
  public record Distractor(double xM, double yM, double sizeM, int color, boolean round) {}

  private static final String[] OBJECT_NAMES = {"cube", "block", "ball", "cylinder", "toy"};
  private static final String[] COLOR_NAMES = {
    "red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink"
  };

  public static SceneStyle forSite(String siteId) {
    SplittableRandom random = new SplittableRandom(fnv64(siteId));
    int floor =
        hsv(
            random.nextDouble(),
            0.15 + 0.2 * random.nextDouble(),
            0.25 + 0.3 * random.nextDouble());
    double tableHue = random.nextDouble();
    int table = hsv(tableHue, 0.2 + 0.4 * random.nextDouble(), 0.55 + 0.35 * random.nextDouble());
    int stripe = YuvImage.shade(table, 0.85 + 0.1 * random.nextDouble());
    int period = 6 + random.nextInt(20);
    int colorIndex = random.nextInt(COLOR_NAMES.length);
    int object = hsv(colorIndex / (double) COLOR_NAMES.length, 0.85, 0.9);
    boolean round = random.nextBoolean();
    double size = 0.025 + 0.02 * random.nextDouble();
    int bin = hsv(random.nextDouble(), 0.5, 0.35 + 0.3 * random.nextDouble());
    double binPan = (random.nextBoolean() ? 1 : -1) * (35 + 25 * random.nextDouble());
    double binReach = 0.15 + 0.06 * random.nextDouble();
    double light = 0.8 + 0.35 * random.nextDouble();
    List<Distractor> distractors = new ArrayList<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      distractors.add(
          new Distractor(
              0.05 + 0.25 * random.nextDouble(),
              (random.nextBoolean() ? 1 : -1) * (0.12 + 0.15 * random.nextDouble()),
              0.02 + 0.03 * random.nextDouble(),
              hsv(random.nextDouble(), 0.6, 0.7),
              random.nextBoolean()));
    }
    String objectName = round ? "ball" : OBJECT_NAMES[random.nextInt(OBJECT_NAMES.length)];
    String task =
        "Pick the " + COLOR_NAMES[colorIndex] + " " + objectName + " and place it in the bin";
    return new SceneStyle(
        floor,
        table,
        stripe,
        period,
        object,
        round,
        size,
        bin,
        binPan,
        binReach,
        light,
        List.copyOf(distractors),
        task);
  }

  static int hsv(double h, double s, double v) {
    double hh = (h - Math.floor(h)) * 6;
    int sector = (int) hh;
    double f = hh - sector;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double r;
    double g;
    double b;
    switch (sector) {
      case 0 -> {
        r = v;
        g = t;
        b = p;
      }
      case 1 -> {
        r = q;
        g = v;
        b = p;
      }
      case 2 -> {
        r = p;
        g = v;
        b = t;
      }
      case 3 -> {
        r = p;
        g = q;
        b = v;
      }
      case 4 -> {
        r = t;
        g = p;
        b = v;
      }
      default -> {
        r = v;
        g = p;
        b = q;
      }
    }
    return YuvImage.color((int) (r * 255), (int) (g * 255), (int) (b * 255));
  }

  static long fnv64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
