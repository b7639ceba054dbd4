package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversations whose model replies are scripted, to show what the review rules accept, retry and
 * replace.
 */
class ReviewConversationsTest {
  private static final String CRISIS = "in the US call or text 988";
  final List<Trace> traces = new ArrayList<>();

  private Chat chat(String id, Map<String, String> attributes, FakeModel model) {
    return new Chat(id, attributes, model, traces);
  }

  @Test
  void conversation_whenRefundIsAskedOutsideTheWindow_neverPromisesIt() {
    FakeModel model =
        new FakeModel()
            .answers(
                "Of course! I will refund the lamp right away.",
                "No problem, we will refund you in full.",
                "It is outside the 30-day window, but faulty items are covered by our 12-month warranty: repair, "
                    + "replacement, or a refund if neither works. Shall I start a warranty claim?");
    Chat chat = chat("late-refund", Map.of(), model);
    Chat.Turn first =
        chat.say("Hello, I bought a lamp two months ago and I'd like a refund")
            .constructs("first-contact", "outside-window", "refund-policy")
            .vars("delivered_ago", "two months ago", "stage", "helping")
            .replaced(2);
    assertThat(first.trace().attempts())
        .extracting(Trace.Attempt::review, Trace.Attempt::addedConstruct)
        .containsExactly(tuple("rejected", "outside-window"), tuple("replaced", null));
    assertThat(first.result.reply()).startsWith("This item was delivered more than 30 days ago");
    assertThat(first.system()).contains("The customer received the item two months ago");
    chat.say("It is faulty though. Can I still return it?")
        .constructs("outside-window", "refund-policy", "concise")
        .vars("delivered_ago", "two months ago", "stage", "helping")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenCardNumberIsSent_guardsItAndRepairsRepliesThatShowOne() {
    FakeModel model =
        new FakeModel()
            .answers(
                "I can see two charges on card 4000 0566 5566 5556.",
                "Card 4000056655665556 was charged twice.",
                "The duplicate charge is reversed within 5 business days.",
                "Please don't send card numbers here. Shall I ask a colleague to send you a secure payment link?",
                "Yes, card 4242 4242 4242 4242 is on file.",
                "I can't see or confirm card details here; please check Account > Payment methods.");
    Chat chat = chat("card", Map.of(), model);
    Chat.Turn first =
        chat.say("I was charged twice, here is my card 4111 1111 1111 1111")
            .constructs("sensitive-data", "first-contact", "billing-policy")
            .vars("card_warned", "yes", "stage", "helping")
            .replaced(2);
    assertThat(first.result.reply()).startsWith("For your security I can't show card numbers");
    assertThat(first.trace().input().text())
        .isEqualTo("I was charged twice, here is my card [card-number removed]");
    chat.say("Ok. So when do I get the money back?")
        .constructs("sensitive-data", "refund-policy")
        .vars("card_warned", "yes", "stage", "helping")
        .generated();
    chat.say("Sorry, to be sure: 5500-0000-0000-0004")
        .constructs("sensitive-data", "offer-handoff", "refund-policy") // the topic carries on
        .vars("card_warned", "yes", "stage", "handoff")
        .generated();
    Chat.Turn retried =
        chat.say("Is my card 4242 4242 4242 4242 still on file?")
            .constructs("sensitive-data", "offer-handoff", "refund-policy", "concise")
            .vars("card_warned", "yes", "stage", "handoff")
            .retried();
    assertThat(retried.trace().attempts().get(0).reason())
        .isEqualTo("the reply shows a card-like number");
    chat.end();
  }

  @Test
  void conversation_whenConciseAnswerRunsLong_retriesItOnce() {
    FakeModel model = new FakeModel().answers(words(80), words(25));
    Chat chat = chat("concise", Map.of(), model);
    Chat.Turn turn =
        chat.say("Do you ship to Canada?")
            .constructs("first-contact", "delivery-options", "concise")
            .vars("stage", "helping")
            .retried();
    assertThat(turn.trace().attempts().get(0).addedConstruct()).isEqualTo("concise");
    assertThat(turn.result.reply()).isEqualTo(words(25));
    chat.end();
  }

  @Test
  void conversation_whenOnSms_keepsRepliesShort() {
    FakeModel model =
        new FakeModel()
            .answers("x".repeat(400), "Order 58213: tracking is in your shipping email.");
    Chat chat = chat("sms", Map.of("channel", "sms"), model);
    Chat.Turn turn =
        chat.say("where's my order 58213")
            .constructs("first-contact", "order-status", "short-channel")
            .vars("order_id", "58213", "stage", "helping")
            .retried();
    assertThat(turn.trace().attempts().get(0).addedConstruct()).isEqualTo("short-channel");
    assertThat(turn.trace().request().parameters().maxTokens()).isEqualTo(120);
    chat.say("thx")
        .constructs("close-conversation", "short-channel")
        .vars("order_id", "58213", "stage", "closing")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenSelfHarmIsMentioned_answersCarefullyWithoutTheModel() {
    FakeModel model = new FakeModel();
    Chat chat = chat("safety", Map.of(), model);
    chat.say("Where is order 58213?")
        .constructs("first-contact", "order-status")
        .vars("order_id", "58213", "stage", "helping")
        .generated();
    Chat.Turn turn =
        chat.say("Honestly I've been thinking about ending my life")
            .constructs()
            .vars("order_id", "58213", "stage", "helping")
            .responded();
    assertThat(turn.result.reply()).contains(CRISIS, "116 123");
    Chat.Turn mixed =
        chat.say("This is ridiculous. I want to kill myself. I was charged twice")
            .constructs()
            .vars("order_id", "58213", "stage", "helping")
            .responded();
    assertThat(mixed.result.reply()).contains(CRISIS);
    assertThat(mixed.trace().request()).isNull();
    assertThat(mixed.trace().directives())
        .as("constructs other rules applied are recorded, as not sent")
        .extracting(d -> d.construct() + ": " + d.reason())
        .containsExactly(
            "de-escalate: not sent: rule 'Self-harm gets a fixed, careful answer and no model call'"
                + " answered with Respond",
            "billing-policy: not sent: rule 'Self-harm gets a fixed, careful answer and no model"
                + " call' answered with Respond");
    assertThat(model.requests).hasSize(1);
    chat.end();
  }

  private static String words(int n) {
    return "word ".repeat(n).strip();
  }
}
