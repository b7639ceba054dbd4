package dev.armature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tools the caller runs itself (an OpenAI client's own {@code tools}), and what it has answered so
 * far in this turn. Each name must be a tool the rule set declares: the rules still offer it, judge
 * each call and read each result. A call the rules let run, of a tool the application does not
 * implement, is not run: the turn pauses and {@link TurnResult#clientCalls()} hands it to the
 * caller, and nothing is committed. The caller runs it and sends the same turn again with the
 * model's answer and its results as a {@link Round}; the turn runs again from the start, the rules
 * judging each call of the rounds once more, and only then is the model asked for its next answer.
 *
 * @param names the tools the caller implements
 * @param rounds the model's answers that paused this turn so far, oldest first, with the caller's
 *     results
 */
public record ClientTools(Set<String> names, List<Round> rounds) {
  /** No client tools: the rule set's tools are offered and run as the application implements. */
  public static final ClientTools NONE = new ClientTools(Set.of(), List.of());

  public ClientTools {
    names = Set.copyOf(Objects.requireNonNull(names, "names == null"));
    rounds = List.copyOf(Objects.requireNonNull(rounds, "rounds == null"));
  }

  /** Whether the caller sent tools of its own. */
  public boolean any() {
    return !names.isEmpty();
  }

  /**
   * One answer of the model that the caller was handed, and the caller's results.
   *
   * @param text the text the model wrote with its calls ({@code ""} for none)
   * @param calls the calls, with their ids and arguments exactly as the model wrote them
   * @param results the caller's result of each call, by call id, as the text it sent
   */
  public record Round(String text, List<ToolRequest> calls, Map<String, String> results) {
    public Round {
      text = text == null ? "" : text;
      calls = List.copyOf(Objects.requireNonNull(calls, "calls == null"));
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("a round is an answer that called tools: it has none");
      }
      results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }
  }
}
