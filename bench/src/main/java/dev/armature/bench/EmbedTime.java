package dev.armature.bench;

import dev.armature.model.MiniLmEmbedder;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the embedding model of semantic signals costs by itself: loading it (once per process),
 * embedding one message (what a turn adds), and embedding examples (what a load adds per new
 * example). Prints tab-separated lines: what, value, unit.
 *
 * <p>Usage: {@code EmbedTime MESSAGES EXAMPLES}: how many messages to time, how many distinct
 * examples to embed.
 */
public final class EmbedTime {
  private EmbedTime() {}

  public static void main(String[] args) {
    int messages = Integer.parseInt(args[0]);
    int examples = Integer.parseInt(args[1]);
    long start = System.nanoTime();
    MiniLmEmbedder embedder = MiniLmEmbedder.load();
    embedder.embed("warm up");
    print("model load and first embedding", (System.nanoTime() - start) / 1e6, "ms");
    String[] texts = Messages.TEXTS.toArray(new String[0]);
    for (int i = 0; i < 200; i++) {
      embedder.embed(texts[i % texts.length]);
    }
    long[] nanos = new long[messages];
    for (int i = 0; i < messages; i++) {
      long t = System.nanoTime();
      embedder.embed(texts[i % texts.length]);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    print("embed one message, p50", nanos[messages / 2] / 1e3, "µs");
    print("embed one message, p99", nanos[messages * 99 / 100] / 1e3, "µs");
    start = System.nanoTime();
    for (int i = 0; i < examples; i++) {
      embedder.embed("example phrasing " + i + " of what a customer asks about an order");
    }
    double ms = (System.nanoTime() - start) / 1e6;
    print("embed " + examples + " new examples", ms, "ms");
  }

  private static void print(String what, double value, String unit) {
    System.out.printf(Locale.ROOT, "%s\t%.0f\t%s%n", what, value, unit);
  }
}
