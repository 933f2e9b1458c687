package dev.tributary.recorder.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A LeRobot calibration file ({@code
 * ~/.cache/huggingface/lerobot/calibration/robots/so101_follower/ <id>.json}, written by {@code
 * lerobot-calibrate}): per motor its bus id, drive mode, homing offset and the range of positions
 * seen while calibrating. {@link #normalize} is LeRobot's {@code MotorsBus._normalize}, so the
 * values match what {@code lerobot-record} writes.
 */
public record ArmCalibration(Path source, Map<String, Motor> motors) {
  /** One motor's calibration, as in the JSON file. */
  public record Motor(int id, int driveMode, int homingOffset, int rangeMin, int rangeMax) {}

  public static ArmCalibration load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "no calibration file "
              + file
              + ": calibrate the arm with lerobot-calibrate, or point --calibration-dir at the folder"
              + " holding robots/<type>/<id>.json and teleoperators/<type>/<id>.json");
    }
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Map<String, Motor> motors = new LinkedHashMap<>();
    var fields = root.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      JsonNode m = entry.getValue();
      for (String key :
          new String[] {"id", "drive_mode", "homing_offset", "range_min", "range_max"}) {
        if (!m.hasNonNull(key)) {
          throw new IOException(file + ": motor '" + entry.getKey() + "' has no " + key);
        }
      }
      Motor motor =
          new Motor(
              m.get("id").asInt(),
              m.get("drive_mode").asInt(),
              m.get("homing_offset").asInt(),
              m.get("range_min").asInt(),
              m.get("range_max").asInt());
      if (motor.rangeMax() == motor.rangeMin()) {
        throw new IOException(
            file
                + ": motor '"
                + entry.getKey()
                + "' has range_min == range_max: calibrate it again");
      }
      motors.put(entry.getKey(), motor);
    }
    return new ArmCalibration(file, motors);
  }

  public Motor motor(String name) throws IOException {
    Motor motor = motors.get(name);
    if (motor == null) {
      throw new IOException(
          source + " has no motor '" + name + "' (it has " + motors.keySet() + ")");
    }
    return motor;
  }

  /** LeRobot's normalisation of a Present_Position reading (steps) for one motor. */
  public static float normalize(Motor motor, NormMode mode, int position) {
    double min = motor.rangeMin();
    double max = motor.rangeMax();
    double bounded = Math.min(max, Math.max(min, position));
    boolean inverted = motor.driveMode() != 0;
    return switch (mode) {
      case RANGE_M100_100 -> {
        double norm = ((bounded - min) / (max - min)) * 200 - 100;
        yield (float) (inverted ? -norm : norm);
      }
      case RANGE_0_100 -> {
        double norm = ((bounded - min) / (max - min)) * 100;
        yield (float) (inverted ? 100 - norm : norm);
      }
      case DEGREES -> {
        double mid = (min + max) / 2;
        yield (float) ((position - mid) * 360 / (FeetechProtocol.RESOLUTION - 1));
      }
    };
  }

  /** LeRobot's MotorNormMode. */
  public enum NormMode {
    RANGE_M100_100,
    RANGE_0_100,
    DEGREES
  }
}
