package dev.armature;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.ToolDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks tools that describe their own arguments (LangChain4j's tools) against the rule set's
 * declarations when an orchestrator is built: a name the rule set does not declare would never be
 * offered or called, and arguments that disagree would be refused by the schema or never reach the
 * implementation, so both are errors in words rather than tools that silently do nothing.
 */
final class ToolSpecCheck {
  private ToolSpecCheck() {}

  /**
   * @throws IllegalArgumentException naming each tool that is not declared or whose arguments
   *     disagree with the declaration
   */
  static void check(Map<String, ToolSpec> specs, RuleSet ruleSet) {
    List<String> problems = new ArrayList<>();
    for (ToolSpec spec : specs.values()) {
      ToolDeclaration declared = ruleSet.tools().get(spec.name());
      if (declared == null) {
        problems.add(
            "tool '"
                + spec.name()
                + "' is not declared in the ruleset.yaml of rule set '"
                + ruleSet.name()
                + "' (declared: "
                + ruleSet.toolNames()
                + "); give the implementation the declared name, with LangChain4j's"
                + " @Tool(name = \"...\")");
        continue;
      }
      Map<String, Object> mine = Json.object(spec.parameters());
      Map<String, Object> theirs = Json.object(declared.schema());
      Set<String> notTaken = names(theirs, "properties");
      notTaken.removeAll(names(mine, "properties"));
      Set<String> notRequired = names(mine, "required");
      notRequired.removeAll(names(theirs, "required"));
      if (!notTaken.isEmpty()) {
        problems.add(
            "tool '"
                + spec.name()
                + "': ruleset.yaml declares arguments "
                + notTaken
                + " that the implementation does not take (it takes "
                + names(mine, "properties")
                + ")");
      }
      if (!notRequired.isEmpty()) {
        problems.add(
            "tool '"
                + spec.name()
                + "': the implementation requires arguments "
                + notRequired
                + " that ruleset.yaml does not require (it requires "
                + names(theirs, "required")
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The names under {@code properties} (an object) or {@code required} (a list). */
  private static Set<String> names(Map<String, Object> schema, String field) {
    Object value = schema.get(field);
    Set<String> names = new TreeSet<>();
    if (value instanceof Map) {
      ((Map<?, ?>) value).keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (value instanceof List) {
      ((List<?>) value).forEach(k -> names.add(String.valueOf(k)));
    }
    return names;
  }
}
