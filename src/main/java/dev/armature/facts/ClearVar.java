package dev.armature.facts;

/** Remove a conversation variable when the turn completes. */
public record ClearVar(String name) implements Decision {
  public ClearVar {
    Facts.name(name, "name");
  }
}
