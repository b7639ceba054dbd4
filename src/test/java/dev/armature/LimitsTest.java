package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written checks of ids and attribute names accept exactly what their grammar says. */
class LimitsTest {
  private static final String ALPHABET = "aqzAQZ059_.:@-! é\t/";

  @Test
  void conversationIds_acceptExactlyTheDocumentedGrammar() {
    for (String id : candidates(128)) {
      boolean accepted = catchThrowable(() -> Limits.check(id, "hi", Map.of(), 100)) == null;
      assertThat(accepted)
          .as("'%s'", id)
          .isEqualTo(id.matches("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}"));
    }
  }

  @Test
  void attributeNames_acceptExactlyTheDocumentedGrammar() {
    for (String name : candidates(64)) {
      boolean accepted =
          catchThrowable(() -> Limits.check("c", "hi", Map.of(name, "v"), 100)) == null;
      assertThat(accepted).as("'%s'", name).isEqualTo(name.matches("[a-z][a-z0-9_.-]{0,63}"));
    }
  }

  @Test
  void attributeValues_refuseControlCharacters() {
    assertThat(catchThrowable(() -> Limits.check("c", "hi", Map.of("tier", "gold"), 100))).isNull();
    assertThat(catchThrowable(() -> Limits.check("c", "hi", Map.of("tier", "go\u0007ld"), 100)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("attribute 'tier'");
  }

  /** Every string of up to two characters of the alphabet, and long ones around the limit. */
  private static List<String> candidates(int limit) {
    List<String> out = new ArrayList<>();
    out.add("");
    for (char a : ALPHABET.toCharArray()) {
      out.add(String.valueOf(a));
      for (char b : ALPHABET.toCharArray()) {
        out.add("" + a + b);
      }
    }
    for (int length : new int[] {limit - 1, limit, limit + 1}) {
      out.add("a".repeat(length));
      out.add("a" + "-".repeat(length - 1));
      out.add("a".repeat(length - 1) + "!");
    }
    return out;
  }
}
