package dev.armature;

import dev.armature.signals.SignalDetector;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A streamed reply held back by the rule set's window ({@code stream: window:} in ruleset.yaml):
 * the client gets each piece of text only once {@code window} more characters have followed it, so
 * the redacting signals and the review rules that can judge a partial reply see that much of the
 * reply before the client does. Once a redacting signal matches the text so far, or the partial
 * review would reject or replace it, nothing more is released: the review judges the whole reply,
 * and what it keeps or puts in its place reaches the client in the caller's correction. A reply
 * that ends as it was streamed is released whole by {@link #end}.
 */
final class HeldBackStream implements Consumer<String> {
  private final Consumer<String> client;
  private final int window;
  private final SignalDetector signals;
  private final Predicate<String> objects;
  private final StringBuilder text = new StringBuilder();
  private int released;
  private boolean stopped;

  /**
   * @param objects whether the review rules would reject or replace the reply's text so far
   */
  HeldBackStream(
      Consumer<String> client, int window, SignalDetector signals, Predicate<String> objects) {
    this.client = client;
    this.window = window;
    this.signals = signals;
    this.objects = objects;
  }

  @Override
  public synchronized void accept(String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    text.append(piece);
    if (stopped) {
      return;
    }
    if (!signals.redaction(text.toString()).signals().isEmpty()) {
      stopped = true;
      return;
    }
    int end = text.length() - window;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    if (end > released && objects.test(text.toString())) {
      stopped = true;
      return;
    }
    if (end > released) {
      String out = text.substring(released, end);
      released = end;
      client.accept(out);
    }
  }

  /**
   * The turn's reply is known: when it is the text held, the review of the whole reply kept it as
   * streamed (also after a partial verdict or a redacting signal stopped the stream: the client
   * then gets what a blocking turn would give), and the rest goes to the client; otherwise the held
   * text is dropped, never sent, and the caller corrects what was released.
   */
  synchronized void end(String reply) {
    if (reply.contentEquals(text) && released < text.length()) {
      String out = text.substring(released);
      released = text.length();
      client.accept(out);
    }
  }
}
