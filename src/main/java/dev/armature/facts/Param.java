package dev.armature.facts;

/**
 * Set a model parameter for this turn: {@code temperature}, {@code top_p}, {@code max_tokens},
 * {@code seed}, {@code response_format} ({@code text} or {@code json}), {@code json_schema}
 * (OpenAI's {@code json_schema} object as JSON text) or {@code stop}. Values are kept as text and
 * checked when the request is assembled. It overrides what the client asked for, which rules see as
 * the attributes {@code request.<parameter>}.
 */
public record Param(String name, String value) implements Decision {
  public Param {
    Facts.name(name, "name");
    Facts.valueOf(value, "parameter", name);
  }

  public Param(String name, double value) {
    this(name, Double.toString(value));
  }

  public Param(String name, int value) {
    this(name, Integer.toString(value));
  }
}
