package dev.armature.signals;

import java.util.List;
import java.util.Map;

/**
 * One signal as written in {@code ruleset.yaml}. Exactly one of {@code phrases}, {@code pattern},
 * {@code structural} or {@code examples} is given.
 *
 * @param phrases lexicon: phrase to weight in (0, 1]; matched case- and accent-insensitively on
 *     word boundaries; a word ending in {@code *} matches any word it begins
 * @param pattern a Java regular expression, matched case-insensitively on the original text
 * @param capture for a pattern: named group to the conversation variable it sets
 * @param redact for a pattern: remove the match from the text before anything else sees it
 * @param weight for a pattern: the score of a match (default 1)
 * @param structural {@code question}, {@code long-message}, {@code shouting} or {@code repeated}
 * @param minChars for {@code long-message}: the length from which a message is long (default 600)
 * @param within for {@code repeated}: how many earlier user messages to compare (default 3)
 * @param minWords for {@code repeated}: the fewest distinct words a message needs to count as a
 *     repeat (default 3), so that "ok" or "thanks" said twice is not one
 * @param words for {@code question}: words that open a question without a question mark
 * @param minScore the lowest score at which the signal is reported (default: any score above 0)
 * @param requires for a pattern: words or characters of which the message must hold at least one
 *     (compared case- and accent-insensitively) for the regular expression to run at all; a cheap
 *     filter that spares long messages an expensive expression
 * @param examples a semantic signal: phrasings of what it detects, compared with the message by a
 *     sentence-embedding model; the score is the similarity to the nearest one
 * @param counterExamples for {@code examples}: phrasings that veto the signal when one is at least
 *     as similar to the message as the nearest example
 * @param group for {@code phrases} or {@code examples}: signals of one group compete, and only the
 *     best-scoring one detected in a message is reported
 */
public record SignalSpec(
    Map<String, Double> phrases,
    String pattern,
    Map<String, String> capture,
    Boolean redact,
    Double weight,
    String structural,
    Integer minChars,
    Integer within,
    Integer minWords,
    List<String> words,
    Double minScore,
    List<String> requires,
    List<String> examples,
    List<String> counterExamples,
    String group) {

  /** A signal without examples or group, as written before semantic signals. */
  public SignalSpec(
      Map<String, Double> phrases,
      String pattern,
      Map<String, String> capture,
      Boolean redact,
      Double weight,
      String structural,
      Integer minChars,
      Integer within,
      Integer minWords,
      List<String> words,
      Double minScore,
      List<String> requires) {
    this(
        phrases,
        pattern,
        capture,
        redact,
        weight,
        structural,
        minChars,
        within,
        minWords,
        words,
        minScore,
        requires,
        null,
        null,
        null);
  }

  public SignalSpec {
    examples =
        examples == null
            ? List.of()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(examples));
    counterExamples =
        counterExamples == null
            ? List.of()
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(counterExamples));
    requires = requires == null ? List.of() : List.copyOf(requires);
    phrases =
        phrases == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phrases));
    capture =
        capture == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capture));
    words = words == null ? List.of() : List.copyOf(words);
  }
}
