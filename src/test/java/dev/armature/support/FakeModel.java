package dev.armature.support;

import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.model.DryRunModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A model that answers from a script, one reply per call, and like the dry-run model once the
 * script is used up. It records every request it is asked.
 */
final class FakeModel implements Model {
  private final Deque<Object> script = new ArrayDeque<>();
  private final Model dryRun = new DryRunModel();
  final List<ModelRequest> requests = new ArrayList<>();

  /** The next calls answer with these replies, in order. */
  FakeModel answers(String... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** The next calls fail with this kind of failure, as a provider would. */
  FakeModel fails(ModelException.Kind kind, int times) {
    for (int i = 0; i < times; i++) {
      script.add(kind);
    }
    return this;
  }

  @Override
  public synchronized ModelReply generate(ModelRequest request) {
    requests.add(request);
    if (script.isEmpty()) {
      return dryRun.generate(request);
    }
    Object next = script.removeFirst();
    if (next instanceof ModelException.Kind) {
      throw new ModelException((ModelException.Kind) next, "provider says no (" + next + ")", null);
    }
    return ModelReply.of((String) next);
  }

  /** The script has been answered in full: no scripted reply was left unused. */
  boolean scriptUsed() {
    return script.isEmpty();
  }
}
