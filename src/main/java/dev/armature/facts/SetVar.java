package dev.armature.facts;

/** Set a conversation variable when the turn completes. */
public record SetVar(String name, String value) implements Decision {
  public SetVar {
    Facts.name(name, "name");
    Facts.valueOf(value, "variable", name);
  }
}
