package dev.armature.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {
  /** Earlier messages are hashed without being tokenised; the hashes must be the tokens' own. */
  @Test
  void hashingARawTextGivesTheHashesOfItsFoldedTokens() {
    List<String> texts =
        List.of(
            "",
            "   ",
            "ok",
            "Where is my order #12345?",
            "WHERE IS MY ORDER",
            "I don’t know, it didn't arrive; I'm sure it's lost!",
            "'quoted' words and trailing apostrophe' and ’curly’",
            "Où est ma commande ? Ça fait trois semaines. ÉTÉ été",
            "Bestellnummer 4711 — wo bleibt sie? Grüße, Jürgen",
            "a a a b b c",
            "emoji 😀 between words and \uD83D unpaired",
            "x'y ' z '' w''v 1'2",
            "tab\tseparated\nlines\r\nand   spaces");
    for (String text : texts) {
      assertThat(Tokens.distinctHashes(text))
          .as(text)
          .containsExactly(Tokens.of(Fold.fold(text)).distinctHashes());
    }
  }
}
