package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Detects a rule set's signals in a message, deterministically. Compiled once when the rule set
 * loads; immutable and safe to share between threads.
 *
 * <p>Redacting patterns run first and their matches are removed from the text, so no later signal,
 * variable, trace or request sees them. Then lexicons, other patterns and structural signals run on
 * the redacted text.
 */
public final class SignalDetector {
  private final List<PatternSignal> redacting = new ArrayList<>();
  private final List<PatternSignal> patterns = new ArrayList<>();
  private final List<StructuralSignal> structural = new ArrayList<>();
  private final Lexicon lexicon = new Lexicon();
  private final Map<String, Double> minScores = new HashMap<>();
  private final Map<String, String> groups = new HashMap<>();
  private final SemanticSignals semantic;
  private final List<String> names;

  private SignalDetector(Map<String, SignalSpec> specs, Supplier<Embedder> embedder) {
    this.semantic = new SemanticSignals(embedder, VectorCache.PROCESS, VectorCache.MESSAGES);
    for (Map.Entry<String, SignalSpec> e : new TreeMap<>(specs).entrySet()) {
      try {
        add(e.getKey(), e.getValue());
      } catch (java.util.regex.PatternSyntaxException problem) {
        throw new IllegalArgumentException(
            "signal '"
                + e.getKey()
                + "': the regular expression does not compile: "
                + problem.getDescription()
                + (problem.getIndex() >= 0
                    ? " at character " + (problem.getIndex() + 1) + " of the expression"
                    : ""),
            problem);
      } catch (RuntimeException problem) {
        throw new IllegalArgumentException(
            "signal '" + e.getKey() + "': " + problem.getMessage(), problem);
      }
    }
    this.names = List.copyOf(new TreeMap<>(specs).keySet());
  }

  /**
   * Compiles the signal definitions.
   *
   * @throws IllegalArgumentException naming the signal, when a definition is invalid
   */
  public static SignalDetector compile(Map<String, SignalSpec> specs) {
    return compile(specs, Embedders.process());
  }

  /**
   * Compiles the signal definitions; semantic signals (those with {@code examples}) embed their
   * examples with the embedder {@code embedder} gives, which is asked for only when there is one.
   *
   * @throws IllegalArgumentException naming the signal, when a definition is invalid or the
   *     embedder cannot be had
   */
  public static SignalDetector compile(Map<String, SignalSpec> specs, Supplier<Embedder> embedder) {
    return new SignalDetector(specs, embedder);
  }

  /** The names of the defined signals, sorted. */
  public List<String> names() {
    return names;
  }

  private void add(String name, SignalSpec spec) {
    int kinds =
        (spec.phrases().isEmpty() ? 0 : 1)
            + (spec.pattern() == null ? 0 : 1)
            + (spec.structural() == null ? 0 : 1)
            + (spec.examples().isEmpty() ? 0 : 1);
    if (kinds != 1) {
      throw new IllegalArgumentException(
          "give exactly one of phrases, pattern, structural or examples");
    }
    if (spec.minScore() != null) {
      minScores.put(name, spec.minScore());
    }
    SemanticOptions.check(spec);
    if (spec.group() != null) {
      groups.put(name, spec.group());
    }
    if (spec.phrases().isEmpty()
        && (spec.stem() != null || spec.typos() != null || !spec.guards().isEmpty())) {
      throw new IllegalArgumentException("stem, typos and guards apply to phrases only");
    }
    if (spec.pattern() == null && spec.luhn() != null) {
      throw new IllegalArgumentException("luhn applies to a pattern only");
    }
    if (!spec.examples().isEmpty()) {
      semantic.add(name, spec);
    } else if (!spec.phrases().isEmpty()) {
      lexicon.add(name, spec);
    } else if (spec.pattern() != null) {
      PatternSignal signal = new PatternSignal(name, spec);
      (signal.redact ? redacting : patterns).add(signal);
    } else {
      structural.add(new StructuralSignal(name, spec));
    }
  }

  /**
   * Detects the signals of one message.
   *
   * @param text the user's message as received
   * @param earlierTexts the conversation's earlier user messages (already redacted), oldest first
   */
  public Detection detect(String text, List<String> earlierTexts) {
    Map<String, String> captures = new LinkedHashMap<>();
    Map<String, String> captureSignals = new LinkedHashMap<>();
    List<Signal> found = new ArrayList<>();
    String redacted = text;
    String folded = null;
    for (PatternSignal signal : redacting) {
      if (signal.filtered()) {
        folded = folded == null ? Fold.fold(redacted) : folded;
        if (!signal.worthRunning(folded)) {
          continue;
        }
      }
      Signal hit = signal.find(redacted, captures, captureSignals);
      if (hit != null) {
        found.add(hit);
        redacted = signal.redact(redacted);
        folded = null;
      }
    }
    folded = folded == null ? Fold.fold(redacted) : folded;
    for (PatternSignal signal : patterns) {
      if (signal.worthRunning(folded)) {
        add(found, signal.find(redacted, captures, captureSignals));
      }
    }
    Tokens tokens = Tokens.of(folded);
    Map<String, Lexicon.Hits> hits = new HashMap<>();
    lexicon.match(tokens, redacted, hits);
    hits.forEach(
        (name, h) -> add(found, new Signal(name, round(h.score()), List.copyOf(h.evidence))));
    if (!structural.isEmpty()) {
      int reach = 0;
      for (StructuralSignal signal : structural) {
        reach = Math.max(reach, signal.reach());
      }
      List<int[]> earlier = new ArrayList<>(reach);
      for (String t :
          earlierTexts.subList(Math.max(0, earlierTexts.size() - reach), earlierTexts.size())) {
        earlier.add(Tokens.distinctHashes(t));
      }
      for (StructuralSignal signal : structural) {
        add(found, signal.find(redacted, tokens, earlier));
      }
    }
    semantic.detect(redacted, hit -> add(found, hit));
    found.sort(Comparator.comparing(Signal::name));
    Groups.keepBest(found, groups);
    return new Detection(redacted, found, captures, captureSignals);
  }

  /**
   * The text with every redacting signal's matches removed, as they are from the user's text: for
   * what the model says, before it is traced or stored. An expression whose {@code requires} words
   * are all absent cannot match, and is skipped here too.
   */
  public String redact(String text) {
    return redaction(text).text();
  }

  /** What {@link #redact} removes from a text, and which signals it found. */
  public record Redaction(String text, List<String> signals) {
    public Redaction {
      signals = List.copyOf(signals);
    }
  }

  /** The text with every redacting signal's matches removed, and the names of those signals. */
  public Redaction redaction(String text) {
    String out = text;
    String folded = null;
    List<String> found = List.of();
    for (PatternSignal signal : redacting) {
      if (signal.filtered()) {
        folded = folded == null ? Fold.fold(out) : folded;
        if (!signal.worthRunning(folded)) {
          continue;
        }
      }
      String next = signal.redact(out);
      if (!next.equals(out)) {
        out = next;
        folded = null;
        found = found.isEmpty() ? new ArrayList<>() : found;
        found.add(signal.name);
      }
    }
    return new Redaction(out, found);
  }

  private void add(List<Signal> found, Signal signal) {
    if (signal != null
        && signal.score() > 0
        && signal.score() >= minScores.getOrDefault(signal.name(), 0.0)) {
      found.add(signal);
    }
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
