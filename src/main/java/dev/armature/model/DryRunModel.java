package dev.armature.model;

import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.assembly.Assembler;

/**
 * The offline model: it calls nothing and answers with what it was asked to do, the same way every
 * time, so a rule set can be tried, recorded and replayed with no provider and no key.
 */
public final class DryRunModel implements Model {
  @Override
  public ModelReply generate(ModelRequest request) {
    StringBuilder reply = new StringBuilder("[dry-run] ");
    if (request.directives().isEmpty()) {
      reply.append("no construct applies");
    } else {
      reply.append("applying ").append(String.join(", ", request.directives()));
    }
    if (request.route() != null) {
      reply.append(" via route '").append(request.route()).append('\'');
    }
    reply.append(" to: \"").append(quote(request.userText())).append('"');
    String text = reply.toString();
    int input = request.messages().stream().mapToInt(m -> Assembler.tokens(m.text())).sum();
    return new ModelReply(text, "stop", input, Assembler.tokens(text));
  }

  private static String quote(String text) {
    StringBuilder oneLine = new StringBuilder(Math.min(text.length(), 81));
    boolean space = false;
    for (int i = 0; i < text.length() && oneLine.length() <= 80; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = oneLine.length() > 0;
      } else {
        if (space) {
          oneLine.append(' ');
          space = false;
        }
        oneLine.append(c);
      }
    }
    return oneLine.length() <= 80 ? oneLine.toString() : oneLine.substring(0, 77) + "...";
  }
}
