package dev.armature.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.armature.signals.Embedder;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The quantised all-MiniLM-L6-v2 sentence-embedding model (384 dimensions), run in process by
 * LangChain4j's ONNX encoder from the files its Maven artifact ships: no network, no key.
 *
 * <p>The ONNX session runs each text on the calling thread alone (one intra-op thread, no spinning
 * workers): a turn's embedding leaves the other cores to other turns, and a rule set that reloads
 * embeds its examples on the low-priority reload thread only.
 */
public final class MiniLmEmbedder implements Embedder {
  private static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";
  static final String OFFLINE = "ai.djl.offline";

  private final Encoder encoder;

  private MiniLmEmbedder(Encoder encoder) {
    this.encoder = encoder;
  }

  /**
   * Loads the model (about a second; its native libraries are unpacked on first use).
   *
   * @throws LinkageError when the embedding library is not on the class path
   * @throws IllegalStateException when the model files cannot be read or the runtime fails
   */
  public static MiniLmEmbedder load() {
    // The tokenizer's library (DJL) otherwise probes the cloud metadata address to report usage,
    // and downloads native code it lacks for the platform: Armature promises no network here.
    if (System.getProperty(OFFLINE) == null) {
      System.setProperty(OFFLINE, "true");
    }
    ClassLoader loader = MiniLmEmbedder.class.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    // The tokenizer's native library is found through the context class loader.
    thread.setContextClassLoader(loader);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(read(loader, MODEL_FILE), options);
      try (InputStream tokenizer = open(loader, TOKENIZER_FILE)) {
        return new MiniLmEmbedder(
            new Encoder(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN)));
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model cannot start: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("the embedding model's files cannot be read", e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Override
  public String model() {
    return "all-minilm-l6-v2-q";
  }

  @Override
  public float[] embed(String text) {
    return encoder.embed(text).content().vector();
  }

  private static byte[] read(ClassLoader loader, String file) throws IOException {
    try (InputStream in = open(loader, file)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(ClassLoader loader, String file) {
    InputStream in = loader.getResourceAsStream(file);
    if (in == null) {
      throw new IllegalStateException(
          "the embedding model's file '" + file + "' is not on the class path");
    }
    return in;
  }

  /** LangChain4j's in-process model over our own session; it embeds one text on this thread. */
  private static final class Encoder extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder bert;

    Encoder(OnnxBertBiEncoder bert) {
      super(Runnable::run);
      this.bert = bert;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return bert;
    }

    @Override
    protected Integer knownDimension() {
      return 384;
    }
  }
}
