package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The semantic signals of a rule set and the embedder they share. The embedder is asked for only
 * when the first such signal is added, so a rule set without them never loads the model; a message
 * is embedded once for all of them, and a text seen recently is not embedded again.
 */
final class SemanticSignals {
  private final Supplier<Embedder> source;
  private final VectorCache cache;
  private final VectorCache messages;
  private final List<SemanticSignal> signals = new ArrayList<>();
  private Embedder embedder;

  SemanticSignals(Supplier<Embedder> source, VectorCache cache, VectorCache messages) {
    this.source = source;
    this.cache = cache;
    this.messages = messages;
  }

  void add(String name, SignalSpec spec) {
    if (embedder == null) {
      try {
        embedder = source.get();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    signals.add(SemanticSignal.compile(name, spec, embedder, cache));
  }

  boolean isEmpty() {
    return signals.isEmpty();
  }

  /** Adds each semantic signal the text scores high enough on, its nearest example as evidence. */
  void detect(String text, Consumer<Signal> found) {
    if (signals.isEmpty() || text.isBlank()) {
      return;
    }
    float[] message = messages.vector(embedder, text);
    for (SemanticSignal signal : signals) {
      Signal hit = signal.score(message);
      if (hit != null) {
        found.accept(hit);
      }
    }
  }
}
