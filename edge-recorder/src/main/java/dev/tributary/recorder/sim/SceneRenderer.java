package dev.tributary.recorder.sim;

import dev.tributary.media.YuvImage;

/**
 * Draws the synthetic workspace seen by one camera: table, bin, distractors, the object and the arm
 * whose gripper follows the measured joint state (forward kinematics), so the video agrees with the
 * joint stream.
 */
public final class SceneRenderer {
  private static final double TABLE_NEAR_M = -0.05;
  private static final double TABLE_FAR_M = 0.33;
  private static final double TABLE_HALF_WIDTH_M = 0.28;

  private final SceneStyle style;
  private final CameraView view;
  private final int width;
  private final int height;
  private final YuvImage background;
  private final double scale;
  private final int floor;
  private final int table;
  private final int stripe;
  private final int object;
  private final int bin;
  private final int binInner;
  private final int arm;
  private final int gripper;
  private final int shadow;

  public SceneRenderer(SceneStyle style, CameraView view, int width, int height) {
    this.style = style;
    this.view = view;
    this.width = width;
    this.height = height;
    double light = style.light();
    floor = YuvImage.shade(style.floorColor(), light);
    table = YuvImage.shade(style.tableColor(), light);
    stripe = YuvImage.shade(style.tableStripeColor(), light);
    object = YuvImage.shade(style.objectColor(), light);
    bin = YuvImage.shade(style.binColor(), light);
    binInner = YuvImage.shade(style.binColor(), light * 0.7);
    arm = YuvImage.shade(YuvImage.color(235, 235, 225), light);
    gripper = YuvImage.shade(YuvImage.color(40, 40, 45), light);
    shadow = YuvImage.shade(table, 0.6);
    double base = Math.min(width / 0.62, height / 0.42);
    scale = view == CameraView.WRIST ? base * 2.5 : base;
    background = new YuvImage(width, height);
    if (view != CameraView.WRIST) {
      drawStatic(background, 0, 0);
    }
  }

  /** Renders the scene at time t of the motion into {@code out}. */
  public void render(PickAndPlaceMotion motion, double t, YuvImage out) {
    float[] joints = motion.state(t);
    double[] tip = ArmKinematics.forward(joints);
    double[] obj = motion.objectPosition(t);
    if (view == CameraView.WRIST) {
      drawStatic(out, tip[0], tip[1]);
      drawObject(out, obj, tip[0], tip[1]);
      double opening = joints[5] / 100.0 * width * 0.3;
      out.fillRect(
          0,
          height / 2 - height / 6,
          (int) (width * 0.2 - opening / 2),
          height / 2 + height / 6,
          gripper);
      out.fillRect(
          (int) (width * 0.8 + opening / 2),
          height / 2 - height / 6,
          width,
          height / 2 + height / 6,
          gripper);
      return;
    }
    out.copyFrom(background);
    drawObject(out, obj, 0, 0);
    drawArm(out, joints, tip);
  }

  private void drawStatic(YuvImage img, double centerX, double centerY) {
    img.fill(floor);
    if (view == CameraView.FRONT) {
      int horizon = (int) (height * 0.55);
      img.fillRect(0, horizon, width, height, table);
      for (int row = horizon; row < height; row += style.stripePeriodPx()) {
        img.fillRect(0, row, width, row + Math.max(1, style.stripePeriodPx() / 3), stripe);
      }
      double bu = u(binY(), 0);
      img.fillRect(
          (int) (bu - 0.05 * scale),
          (int) (v(0, 0.05)),
          (int) (bu + 0.05 * scale),
          horizon + 4,
          bin);
      for (SceneStyle.Distractor d : style.distractors()) {
        double du = u(d.yM(), 0);
        img.fillRect(
            (int) (du - d.sizeM() * scale / 2),
            (int) v(0, d.sizeM()),
            (int) (du + d.sizeM() * scale / 2),
            horizon + 2,
            YuvImage.shade(d.color(), style.light()));
      }
      return;
    }
    int x0 = (int) px(TABLE_HALF_WIDTH_M, centerY);
    int x1 = (int) px(-TABLE_HALF_WIDTH_M, centerY);
    int y0 = (int) py(TABLE_FAR_M, centerX);
    int y1 = (int) py(TABLE_NEAR_M, centerX);
    img.fillRect(x0, y0, x1, y1, table);
    int period = style.stripePeriodPx();
    int offset = Math.floorMod((int) py(0, centerX), period);
    for (int row = Math.max(y0, 0) + offset; row < Math.min(y1, height); row += period) {
      img.fillRect(x0, row, x1, row + Math.max(1, period / 3), stripe);
    }
    double binX = style.binReachM() * Math.cos(Math.toRadians(style.binPanDeg()));
    double half = 0.045 * scale;
    double bx = px(binY(), centerY);
    double by = py(binX, centerX);
    img.fillRect((int) (bx - half), (int) (by - half), (int) (bx + half), (int) (by + half), bin);
    img.fillRect(
        (int) (bx - half * 0.75),
        (int) (by - half * 0.75),
        (int) (bx + half * 0.75),
        (int) (by + half * 0.75),
        binInner);
    for (SceneStyle.Distractor d : style.distractors()) {
      double dx = px(d.yM(), centerY);
      double dy = py(d.xM(), centerX);
      double r = d.sizeM() * scale / 2;
      int color = YuvImage.shade(d.color(), style.light());
      if (d.round()) {
        img.fillCircle(dx, dy, r, color);
      } else {
        img.fillRect((int) (dx - r), (int) (dy - r), (int) (dx + r), (int) (dy + r), color);
      }
    }
    if (view == CameraView.TOP) {
      img.fillCircle(px(0, 0), py(0, 0), 0.035 * scale, YuvImage.shade(gripper, 1.3));
    }
  }

  private double binY() {
    return style.binReachM() * Math.sin(Math.toRadians(style.binPanDeg()));
  }

  private void drawObject(YuvImage img, double[] obj, double centerX, double centerY) {
    double size = style.objectSizeM();
    if (view == CameraView.FRONT) {
      double cu = u(obj[1], obj[0]);
      double bottom = v(obj[0], obj[2]);
      double s = size * scale * depth(obj[0]);
      if (style.roundObject()) {
        img.fillCircle(cu, bottom - s / 2, s / 2, object);
      } else {
        img.fillRect(
            (int) (cu - s / 2), (int) (bottom - s), (int) (cu + s / 2), (int) bottom, object);
      }
      return;
    }
    double grow = 1 + obj[2] * 2.5;
    double r = size * scale * grow / 2;
    double cx = px(obj[1], centerY);
    double cy = py(obj[0], centerX);
    if (obj[2] > 0.005) {
      img.fillCircle(
          px(obj[1], centerY) + obj[2] * scale * 0.3,
          py(obj[0], centerX) + obj[2] * scale * 0.3,
          size * scale / 2,
          shadow);
    }
    if (style.roundObject()) {
      img.fillCircle(cx, cy, r, object);
    } else {
      img.fillRect((int) (cx - r), (int) (cy - r), (int) (cx + r), (int) (cy + r), object);
    }
  }

  private void drawArm(YuvImage img, float[] joints, double[] tip) {
    double pan = Math.toRadians(joints[0]);
    double shoulder = Math.toRadians(joints[1] + 45);
    double elbowReach = ArmKinematics.UPPER_ARM_M * Math.sin(shoulder);
    double elbowZ =
        ArmKinematics.SHOULDER_HEIGHT_M + ArmKinematics.UPPER_ARM_M * Math.cos(shoulder);
    double ex = elbowReach * Math.cos(pan);
    double ey = elbowReach * Math.sin(pan);
    double opening = (joints[5] / 100.0) * 0.05;
    double thickness = 0.022 * scale;
    if (view == CameraView.TOP) {
      img.line(px(0, 0), py(0, 0), px(ey, 0), py(ex, 0), thickness * (1 + elbowZ), arm);
      img.line(
          px(ey, 0), py(ex, 0), px(tip[1], 0), py(tip[0], 0), thickness * (1 + tip[2] * 2), arm);
      double fx = -Math.sin(pan) * opening / 2;
      double fy = Math.cos(pan) * opening / 2;
      double r = 0.008 * scale * (1 + tip[2] * 2.5);
      img.fillCircle(px(tip[1] + fy, 0), py(tip[0] + fx, 0), r, gripper);
      img.fillCircle(px(tip[1] - fy, 0), py(tip[0] - fx, 0), r, gripper);
    } else {
      double baseU = u(0, 0);
      double baseV = v(0, ArmKinematics.SHOULDER_HEIGHT_M);
      img.fillRect(
          (int) (baseU - 0.03 * scale),
          (int) baseV,
          (int) (baseU + 0.03 * scale),
          (int) v(0, 0),
          YuvImage.shade(gripper, 1.3));
      img.line(baseU, baseV, u(ey, ex), v(ex, elbowZ), thickness, arm);
      double wristZ = tip[2] + ArmKinematics.GRIPPER_LENGTH_M;
      img.line(u(ey, ex), v(ex, elbowZ), u(tip[1], tip[0]), v(tip[0], wristZ), thickness, arm);
      double half = opening * scale / 2 + 0.004 * scale;
      img.line(
          u(tip[1], tip[0]) - half,
          v(tip[0], wristZ),
          u(tip[1], tip[0]) - half,
          v(tip[0], tip[2]),
          0.008 * scale,
          gripper);
      img.line(
          u(tip[1], tip[0]) + half,
          v(tip[0], wristZ),
          u(tip[1], tip[0]) + half,
          v(tip[0], tip[2]),
          0.008 * scale,
          gripper);
    }
  }

  // top views: table frame (x forward, y left) to pixels, optionally centred on a point
  private double px(double yM, double centerY) {
    return width / 2.0 - (yM - centerY) * scale;
  }

  private double py(double xM, double centerX) {
    if (view == CameraView.WRIST) {
      return height / 2.0 - (xM - centerX) * scale;
    }
    return height - (xM - TABLE_NEAR_M) * scale;
  }

  // front view: looking back at the base from in front of the table
  private double depth(double xM) {
    return 0.8 + 0.8 * xM;
  }

  private double u(double yM, double xM) {
    return width / 2.0 + yM * scale * 1.3 * depth(xM);
  }

  private double v(double xM, double zM) {
    double horizon = height * 0.55;
    return horizon + (0.33 - xM) * scale * 0.35 - zM * scale * 1.3 * depth(xM);
  }

  /**
   * Blurs the image in place as an out-of-focus lens would: three box-blur passes per axis (close
   * to a Gaussian of sigma ~ 1.7 % of the width, at least 2.4 px: 5.5 px at 320 px wide), chroma
   * with half the radius.
   */
  public static void defocus(YuvImage image) {
    int radius = Math.max(2, image.width() / 64);
    for (int pass = 0; pass < 3; pass++) {
      boxBlur(image.y(), image.width(), image.height(), radius);
      boxBlur(image.u(), image.width() / 2, image.height() / 2, Math.max(1, radius / 2));
      boxBlur(image.v(), image.width() / 2, image.height() / 2, Math.max(1, radius / 2));
    }
  }

  /** One horizontal then one vertical running-mean pass, edges clamped. */
  private static void boxBlur(byte[] plane, int w, int h, int r) {
    int[] line = new int[Math.max(w, h)];
    int window = 2 * r + 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        line[x] = plane[y * w + x] & 0xff;
      }
      int sum = 0;
      for (int k = -r; k <= r; k++) {
        sum += line[Math.max(0, Math.min(w - 1, k))];
      }
      for (int x = 0; x < w; x++) {
        plane[y * w + x] = (byte) ((sum + window / 2) / window);
        sum += line[Math.min(w - 1, x + r + 1)] - line[Math.max(0, x - r)];
      }
    }
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        line[y] = plane[y * w + x] & 0xff;
      }
      int sum = 0;
      for (int k = -r; k <= r; k++) {
        sum += line[Math.max(0, Math.min(h - 1, k))];
      }
      for (int y = 0; y < h; y++) {
        plane[y * w + x] = (byte) ((sum + window / 2) / window);
        sum += line[Math.min(h - 1, y + r + 1)] - line[Math.max(0, y - r)];
      }
    }
  }
}
