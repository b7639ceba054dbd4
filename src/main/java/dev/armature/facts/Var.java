package dev.armature.facts;

/** A conversation variable: set by a rule or a signal capture, kept across turns until cleared. */
public record Var(String name, String value) {
  public Var {
    Facts.name(name, "name");
    Facts.valueOf(value, "variable", name);
  }

  /**
   * The value as a number, 0 when it is not one: {@code Var(name == "days_since_delivery", number()
   * > 30)}.
   */
  public double number() {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
