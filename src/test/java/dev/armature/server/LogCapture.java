package dev.armature.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the server logs while a capture is open. slf4j-simple, the logging binding, writes each line
 * to whatever {@code System.err} is at that moment, so the capture swaps it for a buffer.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  LogCapture() {
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /** The lines logged so far. */
  List<String> lines() {
    synchronized (buffer) {
      String text = buffer.toString(StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
  }

  /** Waits up to five seconds for a line containing the text; returns the lines then. */
  List<String> awaitLine(String text) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      if (lines().stream().anyMatch(l -> l.contains(text))) {
        break;
      }
      Thread.sleep(100);
    }
    return lines();
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(buffer.toString(StandardCharsets.UTF_8));
  }
}
