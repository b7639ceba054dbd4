package dev.armature.signals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * A Snowball stemmer for one language (Lucene's {@code org.tartarus.snowball}), safe to share: each
 * thread stems with its own instance, and stems are cached, since customers use the same few
 * thousand words again and again.
 */
final class Stemmer {
  private static final Map<String, Supplier<SnowballStemmer>> LANGUAGES =
      Map.of(
          "english", EnglishStemmer::new,
          "french", FrenchStemmer::new,
          "german", GermanStemmer::new,
          "spanish", SpanishStemmer::new,
          "italian", ItalianStemmer::new,
          "portuguese", PortugueseStemmer::new,
          "dutch", DutchStemmer::new,
          "danish", DanishStemmer::new,
          "swedish", SwedishStemmer::new,
          "norwegian", NorwegianStemmer::new);

  /** The languages {@code stem:} accepts, sorted. */
  static final List<String> NAMES = LANGUAGES.keySet().stream().sorted().toList();

  /** Beyond this many distinct words the cache stops growing; stems are still computed. */
  private static final int CACHE_LIMIT = 50_000;

  final String language;
  private final ThreadLocal<SnowballStemmer> stemmers;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  private Stemmer(String language, Supplier<SnowballStemmer> factory) {
    this.language = language;
    this.stemmers = ThreadLocal.withInitial(factory);
  }

  /**
   * The stemmer of a language.
   *
   * @throws IllegalArgumentException naming the languages there are, when there is none by that
   *     name
   */
  static Stemmer of(String language) {
    Supplier<SnowballStemmer> factory = LANGUAGES.get(language.toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new IllegalArgumentException(
          "stem '" + language + "' is not a language with a stemmer; expected one of " + NAMES);
    }
    return new Stemmer(language.toLowerCase(Locale.ROOT), factory);
  }

  /** The stem of a folded word; words of three letters or fewer are their own stem. */
  String stem(String word) {
    if (word.length() <= 3) {
      return word;
    }
    String cached = cache.get(word);
    if (cached != null) {
      return cached;
    }
    SnowballStemmer s = stemmers.get();
    s.setCurrent(word);
    s.stem();
    String stem = s.getCurrent();
    if (cache.size() < CACHE_LIMIT) {
      cache.put(word, stem);
    }
    return stem;
  }
}
