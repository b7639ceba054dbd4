package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ModelException;
import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversations with the support rule set on the dry-run model: what the rules decide, turn by
 * turn.
 */
class ConversationsTest {
  final List<Trace> traces = new ArrayList<>();

  private Chat chat(String id, Map<String, String> attributes) {
    return new Chat(id, attributes, new FakeModel(), traces);
  }

  @Test
  void conversation_whenOrderNumberComesAfterTheQuestion_usesItFromThenOn() {
    Chat chat = chat("happy", Map.of());
    chat.say("Hi there").constructs("first-contact").vars("stage", "greeting").generated();
    chat.say("Where is my order?")
        .constructs("ask-order-number")
        .vars("stage", "helping")
        .generated();
    Chat.Turn number =
        chat.say("It's order #58213")
            .constructs("order-status")
            .vars("order_id", "58213", "stage", "helping")
            .generated();
    assertThat(number.trace().firedRules())
        .contains("An order number given after we asked answers the question");
    Chat.Turn later =
        chat.say("Has it shipped yet?")
            .constructs("order-status", "concise")
            .vars("order_id", "58213", "stage", "helping")
            .generated();
    assertThat(later.system()).contains("The customer's order number is 58213.");
    assertThat(later.trace().request().parameters().maxTokens()).isEqualTo(150);
    chat.say("Great, thanks a lot!")
        .constructs("close-conversation")
        .vars("order_id", "58213", "stage", "closing")
        .generated();
    chat.say("Bye!")
        .constructs("close-conversation")
        .vars("order_id", "58213", "stage", "closing")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenFrustrationPersists_offersAPerson() {
    Chat chat = chat("frustrated", Map.of());
    Chat.Turn first =
        chat.say("My parcel still hasn't arrived and I'm really annoyed")
            .constructs("de-escalate", "ask-order-number")
            .vars("stage", "helping")
            .generated();
    assertThat(first.trace().directives())
        .contains(
            new Trace.Directive(
                "first-contact",
                "The first turn introduces what the assistant can do",
                false,
                "excluded by construct 'de-escalate'"));
    chat.say("It's order 58213. This is ridiculous, I've waited two weeks")
        .constructs("de-escalate", "offer-handoff", "order-status")
        .vars("order_id", "58213", "stage", "handoff")
        .generated();
    chat.say("Fine. I'll wait for the email.")
        .constructs("order-status") // the topic carries on
        .vars("order_id", "58213", "stage", "handoff")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenOutOfScope_saysSoAndComesBackToTheShop() {
    Chat chat = chat("scope", Map.of());
    chat.say("What's the weather going to be like tomorrow?")
        .constructs("first-contact", "out-of-scope")
        .vars("stage", "greeting")
        .generated();
    chat.say("Then write me a short poem about cats")
        .constructs("out-of-scope")
        .vars("stage", "greeting")
        .generated();
    chat.say("Fine. How do I download my invoice?")
        .constructs("billing-policy", "stepwise")
        .vars("stage", "helping")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenAPersonIsAskedFor_offersTheHandOff() {
    Chat chat = chat("handoff", Map.of());
    chat.say("Can I talk to a real person please?")
        .constructs("offer-handoff", "first-contact", "concise")
        .vars("stage", "handoff")
        .generated();
    chat.say("Yes please").constructs().vars("stage", "handoff").generated();
    chat.end();
  }

  @Test
  void conversation_whenGoldCustomerIsInAHurry_offersAPersonAtOnce() {
    Chat chat = chat("gold", Map.of("tier", "gold", "channel", "web"));
    Chat.Turn turn =
        chat.say("My order #77120 is late and I need it by Friday, it's urgent!")
            .constructs(
                "offer-handoff", "priority-care", "first-contact", "order-status", "concise")
            .vars("order_id", "77120", "stage", "handoff")
            .generated();
    assertThat(turn.system()).contains("This customer is a gold member.");
    chat.say("Yes, I was also charged for express shipping")
        .constructs("priority-care", "billing-policy")
        .vars("order_id", "77120", "stage", "helping")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenClosedAndGreetedAgain_startsAfresh() {
    Chat chat = chat("closing", Map.of());
    chat.say("Hi, do you sell gift cards?")
        .constructs("first-contact", "concise")
        .vars("stage", "helping")
        .generated();
    chat.say("Great, thank you, that's all")
        .constructs("close-conversation")
        .vars("stage", "closing")
        .generated();
    chat.say("Hello again").constructs("first-contact").vars("stage", "greeting").generated();
    chat.say("I was billed twice last week")
        .constructs("billing-policy")
        .vars("stage", "helping")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenTheSameQuestionComesBack_changesTheApproach() {
    Chat chat = chat("repeated", Map.of());
    chat.say("Can I return an opened item?")
        .constructs("first-contact", "refund-policy", "concise")
        .vars("stage", "helping")
        .generated();
    Chat.Turn again =
        chat.say("Can I return an opened item?")
            .constructs("refund-policy", "clarify")
            .vars("stage", "helping")
            .generated();
    assertThat(again.trace().directives())
        .contains(
            new Trace.Directive(
                "concise",
                "Yes/no questions get a concise answer",
                false,
                "suppressed by rule 'The same question twice changes the approach'"));
    chat.say("can I return an opened item??")
        .constructs("offer-handoff", "refund-policy", "concise")
        .vars("stage", "handoff")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenUnclearLongOrShouted_asksRegroundsAndDeescalates() {
    Chat chat = chat("unclear", Map.of());
    chat.say("Hi, I have a problem with my account")
        .constructs("first-contact", "account-help") // an account topic now exists
        .vars("stage", "helping")
        .generated();
    chat.say(longMessage())
        .constructs("re-ground", "address-change", "billing-policy", "refund-policy")
        .vars("stage", "helping")
        .generated();
    chat.say("WHY IS NOBODY ANSWERING MY QUESTION")
        .constructs("de-escalate", "address-change") // the topic remembered from the story
        .vars("stage", "helping")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenNoOrderNumberButAnEmail_asksForTheNumberAndKeepsTheEmail() {
    Chat chat = chat("email", Map.of());
    Chat.Turn turn =
        chat.say("Where's my package? I can't find the number, I ordered with ana@example.com")
            .constructs("first-contact", "ask-order-number")
            .vars("email", "ana@example.com", "stage", "helping")
            .generated();
    assertThat(turn.system()).contains("Email address already given: ana@example.com.");
    chat.say("I need my invoice today, it's urgent")
        .constructs("billing-policy", "concise")
        .vars("email", "ana@example.com", "stage", "helping")
        .generated();
    chat.end();
  }

  private static String longMessage() {
    return "So here is the whole story. I ordered a set of four ceramic plates for my sister's birthday and "
        + "they came in a box that was clearly crushed on one side. Two of the plates are chipped and one has "
        + "a crack right across the middle. I took photos of everything, the box, the plates and the label. "
        + "My sister still wants the set because she picked the colour herself, so I would rather have a "
        + "replacement than anything else, but I also do not want to pay again for shipping, since this was "
        + "not my fault. I also noticed that the receipt in the box shows a different address than mine. "
        + "What are my options here and what should I do first?";
  }

  @Test
  void conversation_whenTheModelIsDown_fallbackRulesAnswerAndTheConversationGoesOn() {
    FakeModel model =
        new FakeModel()
            .fails(ModelException.Kind.RATE_LIMITED, 3)
            .fails(ModelException.Kind.REFUSED, 1)
            .fails(ModelException.Kind.UNAVAILABLE, 1);
    Chat chat = new Chat("down", Map.of(), model, traces);
    Chat.Turn busy =
        chat.say("Where is order 66001?")
            .constructs("first-contact", "order-status")
            .vars("order_id", "66001", "stage", "helping")
            .fellBack();
    assertThat(busy.result.reply()).startsWith("We're receiving a lot of messages right now.");
    assertThat(busy.trace().calls())
        .extracting(dev.armature.Trace.ModelCall::outcome)
        .containsExactly("rate-limited", "rate-limited", "rate-limited");
    Chat.Turn refused =
        chat.say("Hello? Any news on my order?")
            .constructs("order-status")
            .vars("order_id", "66001", "stage", "helping")
            .fellBack();
    assertThat(refused.result.reply()).startsWith("Sorry, I couldn't process that message.");
    assertThat(refused.trace().calls()).hasSize(1);
    Chat.Turn down =
        chat.say("Please check it again")
            .constructs("order-status") // the topic carries on
            .vars("order_id", "66001", "stage", "helping")
            .fellBack();
    assertThat(down.result.reply()).startsWith("Sorry, I can't answer right now");
    assertThat(down.trace().calls())
        .extracting(dev.armature.Trace.ModelCall::outcome)
        .containsExactly("unavailable", "circuit-open");
    int asked = model.requests.size();
    Chat.Turn fastFail =
        chat.say("Thanks, bye")
            .constructs("close-conversation")
            .vars("order_id", "66001", "stage", "closing")
            .fellBack();
    assertThat(fastFail.result.reply()).isEqualTo(down.result.reply());
    assertThat(model.requests).as("an open circuit calls nothing").hasSize(asked);
    chat.end();
  }
}
