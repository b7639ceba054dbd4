package dev.armature;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A model fake that answers with scripted replies (text or tool calls) and records requests. */
final class ReplyScript implements Model {
  private final Deque<ModelReply> replies = new ArrayDeque<>();
  final List<ModelRequest> requests = new ArrayList<>();

  ReplyScript(ModelReply... replies) {
    this.replies.addAll(List.of(replies));
  }

  static ModelReply call(String name, String arguments) {
    return ModelReply.calling(new ToolRequest("call-" + name, name, arguments));
  }

  synchronized void then(ModelReply... more) {
    replies.addAll(List.of(more));
  }

  @Override
  public synchronized ModelReply generate(ModelRequest request) {
    requests.add(request);
    if (replies.isEmpty()) {
      throw new AssertionError("the script has no reply left for request " + requests.size());
    }
    return replies.removeFirst();
  }
}
