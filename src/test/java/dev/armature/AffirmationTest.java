package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a customer writes after "Shall I refund 40 for order 1182?", read as a yes or not. */
class AffirmationTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "yes",
        "Yes",
        "YES",
        "yes please",
        "Yes, please.",
        "yep",
        "yup",
        "yeah",
        "sure, go ahead",
        "ok do it",
        "OK, do it.",
        "okay",
        "k",
        "Yes!!",
        "yesss",
        "y",
        "confirm",
        "I confirm",
        "confirmed",
        "that's right",
        "that\u2019s right",
        "that is correct",
        "please do",
        "please",
        "yse",
        "ys",
        "go ahead",
        "go for it",
        "alright, go on",
        "sure thing",
        "absolutely",
        "of course",
        "yes thank you",
        "yes, thanks",
        "yes I do",
        "proceed",
        "please proceed",
        "sounds good",
        "let's do it",
        "yes yes",
        "ok \uD83D\uDC4D",
        "\uD83D\uDC4D",
        "  yes  ",
        "oui",
        "s\u00ED",
        "yes, perfect",
        "works for me",
      })
  void is_whenTheReplyIsAPlainYes_isTrue(String reply) {
    assertThat(Affirmation.is(reply)).as(reply).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "no",
        "No.",
        "nope",
        "nah",
        "not yet",
        "wait",
        "wait, which order?",
        "yes but...?",
        "yes but",
        "yes?",
        "sure?",
        "is it the full amount?",
        "no, yes",
        "yes no",
        "yes, and also change the address",
        "yes and change the address too",
        "ok but only half",
        "yes for order 2001",
        "yes 2001",
        "don't",
        "do not",
        "cancel",
        "stop",
        "hold on",
        "not now",
        "later",
        "maybe",
        "I'm not sure",
        "never mind",
        "thanks",
        "thank you",
        "good",
        "hmm",
        "what about my other order",
        "actually, what is the status?",
        "yes please refund the other order instead",
        "yes yes yes yes yes yes yes yes yes",
        "no thanks",
        "yes, wait",
        "ok.. no",
        "okay, hold on",
        "right?",
      })
  void is_whenTheReplyIsNotAPlainYes_isFalse(String reply) {
    assertThat(Affirmation.is(reply)).as(reply).isFalse();
  }
}
