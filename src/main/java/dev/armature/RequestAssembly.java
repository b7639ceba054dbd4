package dev.armature;

import dev.armature.assembly.Assembler;
import dev.armature.assembly.Construct;
import dev.armature.assembly.Resolution;
import dev.armature.assembly.Resolver;
import dev.armature.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the model requests of one rule set version: the system message from the kept constructs,
 * the history window, the user's text and the merged parameters. Shared by the turns of that
 * version; thread-safe.
 */
final class RequestAssembly {
  private final RuleSet ruleSet;
  private final Resolver resolver;
  private final Map<Map<String, String>, ModelParameters> parsedParams = new ConcurrentHashMap<>();

  RequestAssembly(RuleSet ruleSet, Resolver resolver) {
    this.ruleSet = ruleSet;
    this.resolver = resolver;
  }

  RuleSet ruleSet() {
    return ruleSet;
  }

  /**
   * The request for these constructs.
   *
   * @param note a last paragraph for the system message, such as why a reply was rejected, or null
   */
  ModelRequest request(
      List<Construct> kept,
      Resolution resolution,
      Map<String, String> attrs,
      Conversation conversation,
      String userText,
      List<String> warnings,
      String note) {
    List<Message> messages = new ArrayList<>();
    String system = Assembler.system(ruleSet.frame(), kept, resolution.vars(), attrs, warnings);
    messages.add(new Message(Message.Role.SYSTEM, note == null ? system : system + "\n\n" + note));
    List<Message[]> exchanges = new ArrayList<>();
    for (Conversation.Exchange e : conversation.recent()) {
      exchanges.add(
          new Message[] {
            new Message(Message.Role.USER, e.user()), new Message(Message.Role.ASSISTANT, e.reply())
          });
    }
    messages.addAll(
        Assembler.window(exchanges, ruleSet.history().maxTurns(), ruleSet.history().maxTokens()));
    messages.add(new Message(Message.Role.USER, userText));
    Map<String, String> params = new HashMap<>(resolution.params());
    for (Construct c : kept) {
      if (!resolution.kept().contains(c)) {
        c.params().forEach(params::putIfAbsent);
      }
    }
    return new ModelRequest(
        messages,
        parameters(params),
        kept.stream().map(Construct::id).toList(),
        resolution.route());
  }

  /** Parameters parsed once per distinct set: a rule set has few, and turns repeat them. */
  private ModelParameters parameters(Map<String, String> params) {
    ModelParameters parsed = parsedParams.get(params);
    if (parsed == null) {
      parsed = ModelParameters.parse(params);
      if (parsedParams.size() < 256) {
        parsedParams.put(Map.copyOf(params), parsed);
      }
    }
    return parsed;
  }

  /** The kept constructs with one more, as a review's corrective retry asks. */
  List<Construct> withConstruct(List<Construct> kept, String id) {
    return resolver.withConstruct(kept, id);
  }
}
