package dev.armature.server;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the tools a server implements against the rule sets it serves when it starts: a tool no
 * rule set declares is a typo or a stale setting, and is refused by name. A later edit that stops
 * declaring a tool is not refused: its implementation is then simply never called, until an edit
 * declares the tool again.
 */
final class ServedTools {
  private ServedTools() {}

  /**
   * @throws IllegalArgumentException naming each implemented tool that no served rule set declares
   */
  static void check(Collection<String> implemented, List<RuleSets.Served> served) {
    Set<String> declared = new TreeSet<>();
    served.forEach(s -> declared.addAll(s.live().current().tools().keySet()));
    List<String> unknown = implemented.stream().filter(t -> !declared.contains(t)).toList();
    if (unknown.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder();
    for (String tool : unknown) {
      if (message.length() > 0) {
        message.append("; ");
      }
      message
          .append("tool '")
          .append(tool)
          .append("' has an implementation but no rule set served declares it");
    }
    message
        .append("; tools declared: ")
        .append(declared.isEmpty() ? "none" : String.join(", ", declared));
    throw new IllegalArgumentException(message.toString());
  }
}
