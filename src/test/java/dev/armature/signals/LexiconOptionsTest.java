package dev.armature.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.facts.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stemming, typo tolerance and word-sense guards, each declared on the signal and shown. */
class LexiconOptionsTest {
  private static SignalSpec lexicon(
      Map<String, Double> phrases,
      String stem,
      Integer typos,
      Map<String, SignalSpec.Guard> guards) {
    return new SignalSpec(
        phrases, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        stem, typos, guards, null);
  }

  private static Signal detect(SignalSpec spec, String text) {
    return SignalDetector.compile(Map.of("s", spec)).detect(text, List.of()).signals().stream()
        .filter(s -> s.name().equals("s"))
        .findFirst()
        .orElse(null);
  }

  @Test
  void stem_whenDeclared_matchesInflectionsAndSaysSo() {
    SignalSpec plain = lexicon(Map.of("bill", 0.8, "cancel my order", 0.9), null, null, null);
    SignalSpec stemmed =
        lexicon(Map.of("bill", 0.8, "cancel my order", 0.9), "english", null, null);

    assertThat(detect(plain, "two bills this month")).isNull();
    assertThat(detect(stemmed, "two bills this month").evidence())
        .containsExactly("bills (stem: bill)");
    assertThat(detect(stemmed, "I cancelled my orders").evidence())
        .containsExactly("cancelled my orders (stem: cancel; stem: order)");
    assertThat(detect(stemmed, "the bill").evidence()).containsExactly("bill");
  }

  @Test
  void stem_inFrenchAndGerman_matchesTheirInflections() {
    SignalSpec french = lexicon(Map.of("remboursement", 0.9), "french", null, null);
    SignalSpec german = lexicon(Map.of("bestellung", 0.9), "german", null, null);

    assertThat(detect(french, "deux remboursements svp")).isNotNull();
    assertThat(detect(german, "meine Bestellungen sind weg")).isNotNull();
  }

  @Test
  void typos_onLongWords_matchOneEditAndSaySo() {
    SignalSpec spec = lexicon(Map.of("password", 0.9, "refund*", 0.9, "bill", 0.6), null, 6, null);

    assertThat(detect(spec, "forgot my pazssword").evidence())
        .containsExactly("pazssword (typo: password)");
    assertThat(detect(spec, "forgot my pasword")).isNotNull();
    assertThat(detect(spec, "forgot my passwrod")).isNotNull(); // two letters swapped
    assertThat(detect(spec, "forgot my pasowrd")).isNull(); // two edits
    assertThat(detect(spec, "I want a refnud").evidence())
        .containsExactly("refnud (typo: refund*)");
    assertThat(detect(spec, "my biull")).isNull(); // shorter than 6 letters: exact only
  }

  @Test
  void typos_neverCorrectAWordTheLexiconKnows() {
    SignalSpec spec = lexicon(Map.of("charged", 0.9), "english", 6, null);
    SignalSpec both = lexicon(Map.of("charged", 0.9, "changed my mind", 0.1), "english", 6, null);

    assertThat(detect(spec, "I was chraged twice")).isNotNull();
    assertThat(detect(both, "I changed the address")).isNull();
    assertThat(detect(spec, "I changed the address").evidence())
        .containsExactly("changed (typo: charged)");
  }

  @Test
  void guards_vetoOrRequireContext_andShowIt() {
    SignalSpec spec =
        lexicon(
            Map.of("agent", 0.8, "return*", 0.6),
            "english",
            null,
            Map.of(
                "agent", new SignalSpec.Guard(List.of("gate agent", "travel agent*"), null),
                "return*", new SignalSpec.Guard(List.of("flight"), List.of("item", "parcel"))));

    assertThat(detect(spec, "let me talk to an agent").evidence()).containsExactly("agent");
    assertThat(detect(spec, "the gate agent was rude")).isNull();
    assertThat(detect(spec, "the travel agents were rude")).isNull();
    assertThat(detect(spec, "how do I return this item").evidence())
        .containsExactly("return (with: item)");
    assertThat(detect(spec, "how do I return this")).isNull();
    assertThat(detect(spec, "return flight item")).isNull();
  }

  @Test
  void compile_whenOptionsAreWrong_namesTheSignalAndTheValue() {
    assertThatThrownBy(
            () ->
                SignalDetector.compile(
                    Map.of("s", lexicon(Map.of("a", 0.5), "klingon", null, null))))
        .hasMessageStartingWith("signal 's': stem 'klingon' is not a language with a stemmer")
        .hasMessageContaining("english");
    assertThatThrownBy(
            () -> SignalDetector.compile(Map.of("s", lexicon(Map.of("a", 0.5), null, 2, null))))
        .hasMessage("signal 's': typos must be at least 4 letters but was 2");
    assertThatThrownBy(
            () ->
                SignalDetector.compile(
                    Map.of(
                        "s",
                        lexicon(
                            Map.of("agent", 0.5),
                            null,
                            null,
                            Map.of("agnt", new SignalSpec.Guard(List.of("gate"), null))))))
        .hasMessage("signal 's': guards names 'agnt', which is not one of the signal's phrases");
  }

  @Test
  void luhn_onACardPattern_redactsOnlyNumbersThatPassTheCheck() {
    SignalSpec card =
        new SignalSpec(
            null,
            "\\b(?:\\d[ -]?){12,18}\\d\\b",
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            true);
    SignalDetector detector = SignalDetector.compile(Map.of("card", card));

    Detection real = detector.detect("card 4111 1111 1111 1111 please", List.of());
    Detection order = detector.detect("order 113542617735903 please", List.of());

    assertThat(real.text()).isEqualTo("card [card removed] please");
    assertThat(order.text()).isEqualTo("order 113542617735903 please");
    assertThat(order.signals()).isEmpty();
    assertThat(PatternSignal.luhnValid("4242 4242 4242 4242")).isTrue();
    assertThat(PatternSignal.luhnValid("4242 4242 4242 4241")).isFalse();
  }
}
