package dev.armature.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code support-semantic}: a copy of rules/support with five semantic signals added (40 examples
 * and 4 counter-examples, one group) and a rule for each that applies one of its constructs, so
 * that the benchmarks can run rules/support with and without semantic signals side by side.
 *
 * <p>Run as a program, it writes the copy and prints its folder (for bench/semantic).
 */
final class SemanticSupport {
  /** Signal to examples, then counter-examples after an empty string; the project's own words. */
  static final Map<String, List<String>> SIGNALS =
      Map.of(
          "meaning-account",
          List.of(
              "i can't log in to my account", "i forgot my password", "reset my password please",
              "my account is locked", "how do i change the email on my account",
              "the login code never arrives", "delete my account", "i cant get into my profile",
              "", "i want to log a complaint"),
          "meaning-delivery",
          List.of(
              "where is my parcel", "my order has not arrived yet", "the tracking has not moved",
              "when will my package be delivered", "it says delivered but i got nothing",
              "can you deliver to another address", "the courier never came",
              "my delivery is late", "", "i want to send the parcel back"),
          "meaning-refund",
          List.of(
              "i want my money back", "how do i get a refund", "i want to return this",
              "my refund has not come through", "how long does a refund take",
              "can i return an item i bought last month", "refund me please",
              "i sent it back weeks ago and got no money"),
          "meaning-billing",
          List.of(
              "i was charged twice", "the amount on my invoice is wrong",
              "my card payment was declined", "i need an invoice for my order",
              "there is a charge i don't recognise", "why did you bill me again",
              "", "my gift card has no balance"),
          "meaning-person",
          List.of(
              "i want to talk to a human", "let me speak to an agent", "can someone call me",
              "get me a real person", "i want your manager", "is there a person i can talk to",
              "", "the delivery agent was rude"));

  private static final Map<String, String> CONSTRUCT =
      Map.of(
          "meaning-account", "stepwise",
          "meaning-delivery", "order-status",
          "meaning-refund", "refund-policy",
          "meaning-billing", "billing-policy",
          "meaning-person", "offer-handoff");

  private SemanticSupport() {}

  public static void main(String[] args) {
    System.out.println(write(Workload.folder("support")));
  }

  /** A copy of {@code support} with the semantic signals, in a new temporary folder. */
  static Path write(Path support) {
    try {
      Path dir = Files.createTempDirectory("armature-bench-semantic-");
      try (Stream<Path> walk = Files.walk(support)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path to = dir.resolve(support.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
      Files.writeString(dir.resolve("ruleset.yaml"), signals(), StandardOpenOption.APPEND);
      Files.writeString(dir.resolve("patterns/meaning.drl"), rules());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the semantic copy of " + support, e);
    }
  }

  /** Appended to ruleset.yaml, whose last top-level key is {@code signals}. */
  static String signals() {
    StringBuilder y = new StringBuilder("\n");
    SIGNALS.keySet().stream().sorted().forEach(name -> {
      List<String> all = SIGNALS.get(name);
      int cut = all.indexOf("");
      List<String> examples = cut < 0 ? all : all.subList(0, cut);
      List<String> counters = cut < 0 ? List.of() : all.subList(cut + 1, all.size());
      y.append("  ").append(name).append(":\n    group: meaning\n    min_score: 0.55\n    examples:\n");
      examples.forEach(e -> y.append("      - \"").append(e).append("\"\n"));
      if (!counters.isEmpty()) {
        y.append("    counter_examples:\n");
        counters.forEach(e -> y.append("      - \"").append(e).append("\"\n"));
      }
    });
    return y.toString();
  }

  static String rules() {
    StringBuilder drl = new StringBuilder();
    SIGNALS.keySet().stream().sorted().forEach(name -> drl.append("rule \"Semantic ").append(name)
        .append("\"\nwhen\n    Signal(name == \"").append(name).append("\", score >= 0.6)\nthen\n")
        .append("    insert(new Apply(\"").append(CONSTRUCT.get(name)).append("\"));\nend\n\n"));
    return drl.toString();
  }

  /** The number of examples and counter-examples. */
  static int examples() {
    return SIGNALS.values().stream().mapToInt(l -> l.contains("") ? l.size() - 1 : l.size()).sum();
  }
}
