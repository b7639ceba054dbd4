package dev.armature.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.facts.Signal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {
  private static SignalSpec phrases(Map<String, Double> phrases) {
    return new SignalSpec(
        phrases, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static SignalSpec pattern(String regex, Map<String, String> capture, boolean redact) {
    return new SignalSpec(
        null, regex, capture, redact, null, null, null, null, null, null, null, null);
  }

  private static SignalSpec requiring(
      String regex, Map<String, String> capture, boolean redact, List<String> requires) {
    return new SignalSpec(
        null, regex, capture, redact, null, null, null, null, null, null, null, requires);
  }

  private static SignalSpec structural(String kind) {
    return new SignalSpec(null, null, null, null, null, kind, null, null, null, null, null, null);
  }

  private static Signal only(Detection d, String name) {
    return d.signals().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  @Test
  void detect_whenPhraseDiffersInCaseAndAccents_matchesAndKeepsOriginalEvidence() {
    SignalDetector detector =
        SignalDetector.compile(Map.of("billing", phrases(Map.of("facture", 0.8))));

    Detection d = detector.detect("Ma FACTURÉ est fausse", List.of());

    assertThat(d.signals()).containsExactly(new Signal("billing", 0.8, List.of("FACTURÉ")));
  }

  @Test
  void detect_whenPhraseIsInsideAnotherWord_doesNotMatch() {
    SignalDetector detector =
        SignalDetector.compile(Map.of("greeting", phrases(Map.of("hi", 0.5))));

    assertThat(detector.detect("this is fine", List.of()).signals()).isEmpty();
    assertThat(detector.detect("hi there", List.of()).signals()).hasSize(1);
  }

  @Test
  void detect_whenWordEndsInStar_matchesEveryWordItBegins() {
    SignalDetector detector =
        SignalDetector.compile(Map.of("refund", phrases(Map.of("refund*", 0.9))));

    Detection d = detector.detect("Can I get refunded? Refunds take long.", List.of());

    assertThat(only(d, "refund").evidence()).containsExactly("refunded", "Refunds");
  }

  @Test
  void detect_whenSeveralPhrasesMatch_combinesThemAsNoisyOr() {
    Map<String, Double> lexicon = new LinkedHashMap<>();
    lexicon.put("ridiculous", 0.5);
    lexicon.put("fed up", 0.5);
    SignalDetector detector = SignalDetector.compile(Map.of("frustration", phrases(lexicon)));

    Detection d = detector.detect("I'm fed   up, this is ridiculous. Ridiculous!", List.of());

    assertThat(only(d, "frustration").score()).isEqualTo(0.75);
    assertThat(only(d, "frustration").evidence())
        .containsExactly("fed   up", "ridiculous", "Ridiculous");
  }

  @Test
  void detect_whenPatternHasNamedGroup_capturesIntoVariable() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "order-number",
                pattern("\\border\\s*#?(?<n>\\d{3,})", Map.of("n", "order_id"), false)));

    Detection d = detector.detect("Where is Order #1182?", List.of());

    assertThat(d.captures()).containsExactly(Map.entry("order_id", "1182"));
    assertThat(d.captureSignals()).containsExactly(Map.entry("order_id", "order-number"));
    assertThat(only(d, "order-number").evidence()).containsExactly("Order #1182");
  }

  @Test
  void detect_whenPatternRedacts_removesMatchFromTextAndMasksEvidence() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "card-number",
                    pattern("\\b(?<card>(?:\\d[ -]?){12,18}\\d)\\b", Map.of("card", "card"), true),
                "digits", pattern("\\d{4}", Map.of(), false)));

    Detection d = detector.detect("my card is 4111 1111 1111 1234 thanks", List.of());

    assertThat(d.text()).isEqualTo("my card is [card-number removed] thanks");
    assertThat(only(d, "card-number").evidence()).containsExactly("**** **** **** 1234");
    assertThat(d.captures()).containsExactly(Map.entry("card", "**** **** **** 1234"));
    assertThat(only(d, "digits")).as("later signals never see a redacted match").isNull();
  }

  @Test
  void redaction_removesEveryRedactingSignalsMatchesAndNamesTheSignalsFound() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "card-number",
                requiring(
                    "\\b(?:\\d[ -]?){12,18}\\d\\b",
                    Map.of(),
                    true,
                    List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
                "email",
                pattern("[a-z]+@[a-z]+\\.com", Map.of(), true),
                "digits",
                pattern("\\d{4}", Map.of(), false)));

    SignalDetector.Redaction both =
        detector.redaction("Card 4111 1111 1111 1234 is on file for anna@example.com.");
    assertThat(both.text()).isEqualTo("Card [card-number removed] is on file for [email removed].");
    assertThat(both.signals()).containsExactly("card-number", "email");
    assertThat(detector.redact("Card 4111 1111 1111 1234")).isEqualTo("Card [card-number removed]");

    SignalDetector.Redaction none = detector.redaction("No digits here, order 1234 only.");
    assertThat(none.text()).isEqualTo("No digits here, order 1234 only.");
    assertThat(none.signals()).as("a non-redacting signal is not listed").isEmpty();
  }

  @Test
  void detect_structuralSignals_readTheShapeOfTheMessage() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "question", structural("question"),
                "shouting", structural("shouting"),
                "repeated", structural("repeated"),
                "long-message",
                    new SignalSpec(
                        null,
                        null,
                        null,
                        null,
                        null,
                        "long-message",
                        40,
                        null,
                        null,
                        null,
                        null,
                        null)));

    assertThat(detector.detect("Is it shipped? Thanks.", List.of()).signals())
        .extracting(Signal::name)
        .containsExactly("question");
    assertThat(only(detector.detect("how do I return this", List.of()), "question").score())
        .isEqualTo(0.7);
    assertThat(detector.detect("THIS PARCEL IS LATE AGAIN", List.of()).signals())
        .extracting(Signal::name)
        .containsExactly("shouting");
    assertThat(
            only(
                detector.detect("where is my parcel", List.of("hello", "Where is my parcel!")),
                "repeated"))
        .isEqualTo(new Signal("repeated", 1.0, List.of("like the message 1 turn(s) ago")));
    assertThat(
            only(
                detector.detect(
                    "a message that is clearly long enough to count as long", List.of()),
                "long-message"))
        .isNotNull();
  }

  @Test
  void detect_whenPatternRequiresAWordTheMessageLacks_skipsTheExpression() {
    SignalSpec spec =
        requiring(
            "\\b(?<n>\\d+)\\s+(?:days|weeks)\\b",
            Map.of("n", "count"),
            false,
            List.of("DAY", "week"));
    SignalDetector detector = SignalDetector.compile(Map.of("past", spec));

    assertThat(detector.detect("it took 12 Days", List.of()).captures())
        .containsExactly(Map.entry("count", "12"));
    assertThat(detector.detect("it took 12 weeks", List.of()).captures())
        .containsExactly(Map.entry("count", "12"));
    assertThat(detector.detect("it took 12 months", List.of()).signals()).isEmpty();
    assertThatThrownBy(
            () ->
                SignalDetector.compile(Map.of("bad", requiring("x", Map.of(), false, List.of("")))))
        .hasMessageContaining("signal 'bad': requires lists an empty word");
  }

  @Test
  void detect_repeated_needsMinWordsDistinctWords() {
    SignalDetector byDefault = SignalDetector.compile(Map.of("repeated", structural("repeated")));
    SignalDetector anyLength =
        SignalDetector.compile(
            Map.of(
                "repeated",
                new SignalSpec(
                    null, null, null, null, null, "repeated", null, null, 1, null, null, null)));

    assertThat(byDefault.detect("ok thanks", List.of("OK, thanks!")).signals()).isEmpty();
    assertThat(anyLength.detect("ok thanks", List.of("OK, thanks!")).signals())
        .extracting(Signal::name)
        .containsExactly("repeated");
    assertThat(byDefault.detect("where is it", List.of("Where is it?")).signals())
        .extracting(Signal::name)
        .containsExactly("repeated");
  }

  @Test
  void detect_sameInput_givesSameDetection() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "frustration", phrases(Map.of("annoyed", 0.4, "angry", 0.3, "upset", 0.2)),
                "question", structural("question")));

    Detection first = detector.detect("I'm annoyed, angry and upset?", List.of());

    assertThat(detector.detect("I'm annoyed, angry and upset?", List.of())).isEqualTo(first);
    assertThat(only(first, "frustration").score()).isEqualTo(0.664);
  }

  @Test
  void compile_whenDefinitionIsInvalid_namesTheSignal() {
    assertThatThrownBy(
            () -> SignalDetector.compile(Map.of("bad", pattern("(unclosed", Map.of(), false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("signal 'bad': ");
    assertThatThrownBy(() -> SignalDetector.compile(Map.of("weird", structural("sarcasm"))))
        .hasMessageContaining("signal 'weird': unknown structural signal 'sarcasm'");
    assertThatThrownBy(() -> SignalDetector.compile(Map.of("heavy", phrases(Map.of("x", 1.5)))))
        .hasMessageContaining("signal 'heavy': phrase 'x' weight must be in (0, 1]");
    assertThatThrownBy(
            () -> SignalDetector.compile(Map.of("cap", pattern("\\d+", Map.of("n", "v"), false))))
        .hasMessageContaining("capture names group 'n'");
  }
}
