package dev.armature.assembly;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named instruction block, loaded from {@code constructs/NAME.md}.
 *
 * @param id the file name without {@code .md}
 * @param outcome what applying it should achieve
 * @param tension what it is balanced against
 * @param section where in the system message it goes
 * @param priority higher first within its section; also higher wins an exclusion
 * @param excludes constructs that cannot apply in the same turn
 * @param params model parameters it asks for
 * @param template its text
 */
public record Construct(
    String id,
    String outcome,
    String tension,
    String section,
    int priority,
    List<String> excludes,
    Map<String, String> params,
    Template template) {
  public Construct {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(section, "section == null");
    outcome = outcome == null ? "" : outcome;
    tension = tension == null ? "" : tension;
    excludes = List.copyOf(excludes);
    params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    Objects.requireNonNull(template, "template == null");
  }
}
