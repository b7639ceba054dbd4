package dev.armature.replay;

import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.model.DryRunModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The model of a replay: it answers each call of a turn with the turn's next recorded answer, and
 * once they are used up like the offline dry-run model, counting the extra calls so the replay can
 * report them. It never reaches a network.
 */
final class ScriptedModel implements Model {
  private final Model dryRun = new DryRunModel();
  private final Deque<ConversationFile.Answer> script = new ArrayDeque<>();
  private final List<ConversationFile.Answer> given = new ArrayList<>();
  private int calls;

  /** The answers for the next turn; whatever the last turn left unused is dropped. */
  synchronized void next(List<ConversationFile.Answer> answers) {
    script.clear();
    script.addAll(answers);
    given.clear();
    calls = 0;
  }

  /** How many times the model was called in this turn. */
  synchronized int calls() {
    return calls;
  }

  /** What the model answered in this turn, recorded answers and dry-run ones alike. */
  synchronized List<ConversationFile.Answer> given() {
    return List.copyOf(given);
  }

  @Override
  public synchronized ModelReply generate(ModelRequest request) {
    calls++;
    ConversationFile.Answer answer = script.pollFirst();
    if (answer == null) {
      ModelReply reply = dryRun.generate(request);
      given.add(ConversationFile.Answer.reply(reply.text()));
      return reply;
    }
    given.add(answer);
    if (answer.error() != null) {
      ModelException.Kind kind =
          Arrays.stream(ModelException.Kind.values())
              .filter(k -> k.label().equals(answer.error()))
              .findFirst()
              .orElseThrow();
      throw new ModelException(kind, "recorded failure: " + answer.error(), null);
    }
    if (!answer.calls().isEmpty()) {
      List<dev.armature.ToolRequest> calls = new ArrayList<>();
      answer
          .calls()
          .forEach(c -> calls.add(new dev.armature.ToolRequest(c.id(), c.tool(), c.arguments())));
      return new ModelReply(answer.text(), "tool_calls", 0, 0, calls);
    }
    return ModelReply.of(answer.text());
  }
}
