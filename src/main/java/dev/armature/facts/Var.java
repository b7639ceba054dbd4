package dev.armature.facts;

/** A conversation variable: set by a rule or a signal capture, kept across turns until cleared. */
public record Var(String name, String value) {
  public Var {
    Facts.name(name, "name");
    Facts.valueOf(value, "variable", name);
  }
}
