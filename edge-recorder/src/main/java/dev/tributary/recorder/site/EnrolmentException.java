package dev.tributary.recorder.site;

/** Enrolment failed for a reason retrying cannot fix (e.g. an invalid or used code). */
public final class EnrolmentException extends Exception {
  public EnrolmentException(String message) {
    super(message);
  }
}
