package dev.tributary.recorder.arm;

import dev.tributary.schema.JointSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The six motors of an SO-100/SO-101 arm (follower or leader) as LeRobot names and normalises them:
 * body joints in {@code range_m100_100}, the gripper in {@code range_0_100} (lerobot's default,
 * {@code use_degrees=False}).
 */
public final class So101Arm {
  public static final List<String> MOTORS =
      List.of("shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper");

  private final FeetechBus bus;
  private final ArmCalibration calibration;
  private final int[] ids = new int[MOTORS.size()];
  private final ArmCalibration.Motor[] motors = new ArmCalibration.Motor[MOTORS.size()];
  private final String role;

  public So101Arm(String role, FeetechBus bus, ArmCalibration calibration) throws IOException {
    this.role = role;
    this.bus = bus;
    this.calibration = calibration;
    for (int i = 0; i < MOTORS.size(); i++) {
      motors[i] = calibration.motor(MOTORS.get(i));
      ids[i] = motors[i].id();
    }
  }

  public static ArmCalibration.NormMode normMode(int joint) {
    return MOTORS.get(joint).equals("gripper")
        ? ArmCalibration.NormMode.RANGE_0_100
        : ArmCalibration.NormMode.RANGE_M100_100;
  }

  /** The joints as the manifest lists them: {@code shoulder_pan.pos … gripper.pos}. */
  public static List<JointSpec> jointSpecs() {
    List<JointSpec> specs = new ArrayList<>();
    for (int i = 0; i < MOTORS.size(); i++) {
      String unit =
          normMode(i) == ArmCalibration.NormMode.RANGE_0_100 ? "range_0_100" : "range_m100_100";
      specs.add(JointSpec.newBuilder().setName(MOTORS.get(i) + ".pos").setUnit(unit).build());
    }
    return specs;
  }

  public String role() {
    return role;
  }

  public FeetechBus bus() {
    return bus;
  }

  /**
   * Checks that every servo answers and holds the homing offset of the calibration file, so the
   * readings mean what the calibration says; throws with what to fix.
   */
  public void verify() throws IOException {
    for (int i = 0; i < ids.length; i++) {
      if (!bus.ping(ids[i]) && !bus.ping(ids[i])) {
        throw new IOException(
            role
                + " arm on "
                + bus.name()
                + ": servo "
                + ids[i]
                + " ("
                + MOTORS.get(i)
                + ") does not answer: check its cable and the daisy chain before it, and the"
                + " arm's power supply");
      }
      int offset = homingOffset(ids[i]);
      if (offset != motors[i].homingOffset()) {
        throw new IOException(
            String.format(
                "%s arm on %s: servo %d (%s) holds homing offset %d but %s says %d: this is not"
                    + " the arm that file was made for, or it was recalibrated; run"
                    + " lerobot-calibrate (or lerobot-record once, which writes the file to the"
                    + " servos) or name the right calibration file",
                role,
                bus.name(),
                ids[i],
                MOTORS.get(i),
                offset,
                calibration.source(),
                motors[i].homingOffset()));
      }
    }
  }

  /**
   * A servo's homing offset, read again after a timeout or a corrupt answer (up to {@link
   * ArmRecorder#ATTEMPTS} reads, as LeRobot retries its reads): the late answer of an earlier
   * transaction (a ping that timed out on a loaded host) can land in this one's place. Only an
   * unplugged port fails at once.
   */
  private int homingOffset(int id) throws BusFault {
    BusFault last = null;
    for (int attempt = 0; attempt < ArmRecorder.ATTEMPTS; attempt++) {
      try {
        return bus.readHomingOffset(id);
      } catch (BusFault fault) {
        if (fault.kind() == BusFault.Kind.UNPLUGGED) {
          throw fault;
        }
        last = fault;
      }
    }
    throw last;
  }

  private final int[] positions = new int[MOTORS.size()];

  /**
   * Reads every joint with one SYNC_READ into {@code into}; returns, per joint, whether it was
   * answered (the others keep their old value and are for {@link #read(int)}).
   */
  public boolean[] readAll(float[] into) throws BusFault {
    boolean[] answered = new boolean[ids.length];
    bus.syncReadPresentPositions(ids, positions, answered);
    for (int joint = 0; joint < ids.length; joint++) {
      if (answered[joint]) {
        into[joint] = ArmCalibration.normalize(motors[joint], normMode(joint), positions[joint]);
      }
    }
    return answered;
  }

  /** Reads one servo and normalises it; {@code joint} indexes {@link #MOTORS}. */
  public float read(int joint) throws BusFault {
    int position = bus.readPresentPosition(ids[joint]);
    return ArmCalibration.normalize(motors[joint], normMode(joint), position);
  }

  public int servoId(int joint) {
    return ids[joint];
  }
}
