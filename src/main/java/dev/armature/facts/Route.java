package dev.armature.facts;

/** Send this turn to the named model route instead of the default model. */
public record Route(String model) implements Decision {
  public Route {
    Facts.name(model, "model");
  }
}
