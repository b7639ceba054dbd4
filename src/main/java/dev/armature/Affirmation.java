package dev.armature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a customer's message says yes to the question a {@code Confirm} asked, and nothing else.
 *
 * <p>The message is read as words (lower case, punctuation and emphasis dropped, a letter repeated
 * counted once: "Yesss!!" is "yes"), and every word must belong to a short list: agreements ("yes",
 * "yep", "sure", "ok", "go ahead", "do it", "confirm", "that's right", common typos such as "yse"
 * and "ys", and a few other languages' yes) and words that only soften one ("please", "thanks",
 * "now"). At least one must be an agreement. So a word the list does not know turns a yes into a
 * no: "no, yes", "yes but", "not yet", "wait", "yes, and also change the address". A question mark
 * anywhere, or more than 8 words, is never a yes. Deterministic and small on purpose: a parked call
 * runs only on a plain agreement, and anything else drops it (the model can ask again).
 */
final class Affirmation {
  /** A phrase's part in a yes: it agrees, or it may only go with one that does. */
  private enum Part {
    AGREES,
    SOFTENS
  }

  private static final int MAX_WORDS = 8;
  private static final int MAX_PHRASE_WORDS = 3;

  private static final List<String> AGREEMENTS =
      List.of(
          // yes, and the ways people type it
          "yes",
          "yeah",
          "yea",
          "yeh",
          "yah",
          "ya",
          "ye",
          "yep",
          "yup",
          "yeap",
          "yas",
          "yesh",
          "yez",
          "y",
          "yse",
          "ys",
          "yeas",
          "ues",
          // ok
          "ok",
          "okay",
          "okey",
          "okie",
          "k",
          "alright",
          "all right",
          "fine",
          // sure, and its typos
          "sure",
          "shure",
          "sur",
          "suer",
          "srue",
          "sure thing",
          "certainly",
          "absolutely",
          "definitely",
          "of course",
          "indeed",
          "affirmative",
          "exactly",
          // confirming, correct
          "confirm",
          "confirmed",
          "confrim",
          "comfirm",
          "correct",
          "corect",
          "right",
          "that's right",
          "thats right",
          "that is right",
          "that's correct",
          "thats correct",
          "that is correct",
          "that's fine",
          "thats fine",
          "that works",
          "works for me",
          "agreed",
          "agree",
          "approved",
          "approve",
          // go on
          "go",
          "go ahead",
          "go on",
          "go for it",
          "proceed",
          "do it",
          "do that",
          "please do",
          "please",
          "pls",
          "plz",
          "sounds good",
          "sounds great",
          "let's do it",
          "lets do it",
          // a thumbs up or a check mark
          "\uD83D\uDC4D",
          "\u2705",
          // yes in a few other languages; a rule set's language may need more
          "oui",
          "ja",
          "si",
          "s\u00ED",
          "da",
          "\u0434\u0430",
          "sim",
          "claro",
          "vale",
          "jawohl");

  private static final List<String> SOFTENERS =
      List.of(
          "thanks",
          "thank you",
          "thx",
          "ty",
          "then",
          "now",
          "just",
          "it",
          "i",
          "i'm",
          "im",
          "am",
          "i do",
          "sir",
          "madam",
          "great",
          "perfect",
          "good",
          "cool",
          "merci",
          "danke",
          "gracias",
          "oh",
          "well",
          "and thanks");

  private static final Map<String, Part> PHRASES = phrases();

  private Affirmation() {}

  /** Whether {@code text} is a plain yes. */
  static boolean is(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.length() > 80 || t.contains("?")) {
      return false;
    }
    List<String> words = words(t);
    if (words.isEmpty() || words.size() > MAX_WORDS) {
      return false;
    }
    boolean agrees = false;
    int i = 0;
    while (i < words.size()) {
      Part part = null;
      int taken = 0;
      for (int n = Math.min(MAX_PHRASE_WORDS, words.size() - i); n > 0 && part == null; n--) {
        part = PHRASES.get(String.join(" ", words.subList(i, i + n)));
        taken = n;
      }
      if (part == null) {
        return false;
      }
      agrees |= part == Part.AGREES;
      i += taken;
    }
    return agrees;
  }

  /**
   * The message's words: letters, digits and apostrophes (typographic ones made plain), each run of
   * a repeated letter made one; a thumbs up and a check mark are words of their own.
   */
  private static List<String> words(String text) {
    String plain =
        text.replace('\u2019', '\'')
            .replace("\uD83D\uDC4D", " \uD83D\uDC4D ")
            .replace("\u2705", " \u2705 ")
            .replaceAll("\uD83C[\uDFFB-\uDFFF]", "") // skin tones
            .replace("\uFE0F", "");
    List<String> words = new ArrayList<>();
    for (String word : plain.split("[^\\p{L}\\p{N}'\uD83D\uDC4D\u2705]+")) {
      String w = word.replaceAll("^'+|'+$", "");
      if (!w.isEmpty()) {
        words.add(once(w));
      }
    }
    return words;
  }

  /** Each run of one letter as one letter: "yesss" and "yess" are "yes", "okk" is "ok". */
  private static String once(String word) {
    return word.replaceAll("(\\p{L})\\1+", "$1");
  }

  private static Map<String, Part> phrases() {
    Map<String, Part> phrases = new HashMap<>();
    SOFTENERS.forEach(p -> phrases.put(onceEach(p), Part.SOFTENS));
    AGREEMENTS.forEach(p -> phrases.put(onceEach(p), Part.AGREES));
    return Map.copyOf(phrases);
  }

  private static String onceEach(String phrase) {
    List<String> words = new ArrayList<>();
    for (String w : phrase.split(" ")) {
      words.add(once(w));
    }
    return String.join(" ", words);
  }
}
