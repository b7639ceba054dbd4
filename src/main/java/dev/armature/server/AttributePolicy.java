package dev.armature.server;

import dev.armature.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which caller attributes an HTTP client may set. Rules trust attributes ({@code tier == "gold"}
 * grants a service level), so a client sets only those its rule set declares ({@code attributes:
 * client:} in {@code ruleset.yaml}) or the server allows ({@code serve --client-attribute}); any
 * other is refused with 400, naming it, rather than dropped, so that a client that counts on one
 * learns at once that it does not count. Attributes the operator fixes ({@code serve --attribute})
 * apply to every turn and the body may not set them. {@code client_system}, the client's own system
 * messages, is always the client's. Attributes the server itself derives from the request, such as
 * {@code user} from OpenAI's end-user field, are not client-set attributes: they are added after
 * the check (the operator's fixed attributes still win), so a rule set need not declare them.
 */
final class AttributePolicy {
  private final Set<String> serverAllowed;
  private final Map<String, String> fixed;

  AttributePolicy(Set<String> serverAllowed, Map<String, String> fixed) {
    this.serverAllowed = Set.copyOf(serverAllowed);
    this.fixed = Map.copyOf(fixed);
  }

  /**
   * The turn's attributes: the client's, checked, and the operator's.
   *
   * @param param the request field the client's attributes came in
   * @throws ApiError 400 {@code attribute_not_allowed} naming every attribute refused
   */
  Map<String, String> apply(RuleSet ruleSet, Map<String, String> fromClient, String param) {
    return apply(ruleSet, fromClient, Map.of(), param);
  }

  /**
   * The turn's attributes: the client's, checked, then those the server derived from the request,
   * then the operator's.
   *
   * @param derived attributes the server took from the request's own fields, not checked
   * @throws ApiError 400 {@code attribute_not_allowed} naming every client attribute refused
   */
  Map<String, String> apply(
      RuleSet ruleSet, Map<String, String> fromClient, Map<String, String> derived, String param) {
    Set<String> allowed = new TreeSet<>(ruleSet.clientAttributes());
    allowed.addAll(serverAllowed);
    allowed.add(ChatCompletions.CLIENT_SYSTEM);
    List<String> refused = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    for (String name : new TreeSet<>(fromClient.keySet())) {
      if (!name.matches("[a-z][a-z0-9_.-]{0,63}")) {
        continue; // not a name at all: the orchestrator refuses it as invalid input, saying why
      }
      if (fixed.containsKey(name)) {
        operators.add(name);
      } else if (!allowed.contains(name)) {
        refused.add(name);
      }
    }
    if (!refused.isEmpty() || !operators.isEmpty()) {
      throw ApiError.badRequest(
          "attribute_not_allowed", param, message(ruleSet, allowed, refused, operators));
    }
    Map<String, String> attributes = new TreeMap<>(fromClient);
    attributes.putAll(derived);
    attributes.putAll(fixed);
    return attributes;
  }

  private static String message(
      RuleSet ruleSet, Set<String> allowed, List<String> refused, List<String> operators) {
    List<String> parts = new ArrayList<>();
    if (!refused.isEmpty()) {
      allowed.remove(ChatCompletions.CLIENT_SYSTEM);
      parts.add(
          "rule set '"
              + ruleSet.name()
              + "' does not let a client set "
              + quoted(refused)
              + " (a client may set: "
              + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
              + "; declare more under attributes.client in ruleset.yaml)");
    }
    if (!operators.isEmpty()) {
      parts.add(quoted(operators) + " set by the server for every turn");
    }
    return "caller attributes refused: " + String.join("; ", parts);
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("', '", names) + "'";
  }
}
