package dev.armature.server;

import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.util.function.Consumer;

/**
 * A model whose implementation a test swaps between turns: a working upstream, then a failing one.
 */
final class SwitchableModel implements Model {
  volatile Model delegate;

  SwitchableModel(Model delegate) {
    this.delegate = delegate;
  }

  @Override
  public ModelReply generate(ModelRequest request) {
    return delegate.generate(request);
  }

  @Override
  public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
    return delegate.stream(request, tokens);
  }
}
