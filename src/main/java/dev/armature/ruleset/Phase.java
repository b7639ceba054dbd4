package dev.armature.ruleset;

import java.util.Locale;

/**
 * When a rule runs. Rules run in {@link #DECIDE} unless they carry {@code @phase(review)}: those
 * run after the model answered and see the {@code Reply}; or {@code @phase(fallback)}: those run
 * when the model failed and see {@code ModelFailed}; or {@code @phase(tool)}: those judge each tool
 * call the model asks for ({@code ToolCall}) and read its result ({@code ToolResult}, {@code
 * ToolFailed}).
 */
public enum Phase {
  DECIDE,
  REVIEW,
  FALLBACK,
  /** Judges each tool call before it runs ({@code ToolCall}) and reads its result after. */
  TOOL;

  /** The name rule authors write, in lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Phase parse(String text) {
    for (Phase phase : values()) {
      if (phase.label().equals(text)) {
        return phase;
      }
    }
    return null;
  }
}
