package dev.tributary.recorder.doctor;

/** One line of {@code doctor}: what was checked, whether it is fine, and what to do if not. */
public record Finding(String subject, boolean ok, String detail, String fix) {
  public static Finding ok(String subject, String detail) {
    return new Finding(subject, true, detail, null);
  }

  public static Finding problem(String subject, String detail, String fix) {
    return new Finding(subject, false, detail, fix);
  }

  /** {@code OK gateway …} or {@code PROBLEM gateway … -> fix: …}. */
  public String line() {
    return String.format(
        "%-8s %-9s %s%s",
        ok ? "OK" : "PROBLEM", subject, detail, ok ? "" : "\n                   fix: " + fix);
  }
}
