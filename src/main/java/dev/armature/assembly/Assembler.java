package dev.armature.assembly;

import dev.armature.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Builds the messages of a request: the system message (the rule set's frame, then each kept
 * construct's text in request order), the history window, and the user's text. The same inputs give
 * the same bytes, so provider prompt caches stay warm.
 */
public final class Assembler {
  private Assembler() {}

  /**
   * The system message: the frame and each construct's rendered text, separated by blank lines.
   * Placeholders without a value add a warning.
   */
  public static String system(
      String frame,
      List<Construct> kept,
      Map<String, String> vars,
      Map<String, String> attrs,
      List<String> warnings) {
    String[] texts = new String[kept.size()];
    int length = frame.length();
    for (int i = 0; i < texts.length; i++) {
      Construct c = kept.get(i);
      texts[i] = c.template().render(vars, attrs, warnings, c.id());
      length += texts[i].length() + 2;
    }
    StringBuilder out = new StringBuilder(length).append(frame);
    for (String text : texts) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(text);
    }
    return out.toString();
  }

  /**
   * The most recent earlier exchanges that fit the budget, oldest first. Each exchange is a user
   * message and the reply to it; an exchange is kept whole or not at all.
   *
   * @param exchanges earlier exchanges, oldest first, each a pair {user, assistant}
   * @param maxTokens the budget, with tokens estimated as characters / 4, rounded up
   */
  public static List<Message> window(List<Message[]> exchanges, int maxTurns, int maxTokens) {
    List<Message> kept = new ArrayList<>();
    int tokens = 0;
    int turns = 0;
    for (int i = exchanges.size() - 1; i >= 0 && turns < maxTurns; i--) {
      Message[] pair = exchanges.get(i);
      int cost = tokens(pair[0].text()) + tokens(pair[1].text());
      if (tokens + cost > maxTokens) {
        break;
      }
      tokens += cost;
      turns++;
      kept.add(pair[1]);
      kept.add(pair[0]);
    }
    Collections.reverse(kept);
    return kept;
  }

  /** The token estimate used for budgets: characters / 4, rounded up. */
  public static int tokens(String text) {
    return (text.length() + 3) / 4;
  }
}
