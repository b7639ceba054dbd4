package dev.armature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A model fake that answers from a script, in order, and records every request it was asked. */
final class ScriptedModel implements Model {
  private final Deque<String> replies = new ArrayDeque<>();
  final List<ModelRequest> requests = new ArrayList<>();

  ScriptedModel(String... replies) {
    this.replies.addAll(List.of(replies));
  }

  @Override
  public synchronized ModelReply generate(ModelRequest request) {
    requests.add(request);
    if (replies.isEmpty()) {
      throw new AssertionError("the script has no reply left for request " + requests.size());
    }
    return ModelReply.of(replies.removeFirst());
  }
}
