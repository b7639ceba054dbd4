package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Trace;
import dev.armature.facts.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rules/support places a message by meaning (its topic-* semantic signals) only where its lexicons
 * place nothing: the lexicons decide whenever they see something, one word is not placed, thanks
 * are not, and a follow-up stays on the topic it carries.
 */
class MeaningTest {
  final List<Trace> traces = new ArrayList<>();

  private Chat chat(String id) {
    return new Chat(id, Map.of(), new FakeModel(), traces);
  }

  private static List<String> topicSignals(Chat.Turn turn) {
    return turn.trace().signals().stream()
        .map(Signal::name)
        .filter(name -> name.startsWith("topic-"))
        .toList();
  }

  @Test
  void turn_whenNoLexiconPlacesTheMessage_thenTheNearestMeaningDoes() {
    Chat chat = chat("meaning");
    Chat.Turn turn =
        chat.say("how can I change my email address?")
            .constructs("first-contact", "account-help", "stepwise")
            .vars("stage", "helping", "topic", "account-help")
            .generated();
    chat.end();

    assertThat(topicSignals(turn)).containsExactly("topic-account");
  }

  @Test
  void turn_whenAnOrderIsAskedAboutInOtherWords_thenItsNumberIsAskedFor() {
    Chat chat = chat("order");
    chat.say("hey, is the thing i got from u on its way")
        .constructs("first-contact", "ask-order-number")
        .vars("stage", "greeting")
        .generated();
    chat.say("order 48213")
        .constructs("order-status")
        .vars("order_id", "48213", "stage", "helping", "topic", "order-status")
        .generated();
    chat.end();
  }

  @Test
  void turn_whenANewQuestionInOtherWordsComesAfterClosing_thenTheKnownNumberIsUsed() {
    Chat chat = chat("after-close");
    chat.say("hi, my order number is 48213 and i was charged twice")
        .constructs("first-contact", "billing-policy")
        .vars("order_id", "48213", "stage", "helping", "topic", "billing-policy")
        .generated();
    chat.say("ok thanks bye")
        .constructs("close-conversation")
        .vars("order_id", "48213", "stage", "closing")
        .generated();
    chat.say("is the stuff i bought on its way to me")
        .constructs("order-status")
        .vars("order_id", "48213", "stage", "closing", "topic", "order-status")
        .generated();
    chat.end();
  }

  @Test
  void turn_whenALexiconPlacesTheMessage_thenTheMeaningIsNotApplied() {
    Chat chat = chat("lexicon");
    Chat.Turn turn =
        chat.say("hv u shipped my stuff yet")
            .constructs("first-contact", "delivery-options")
            .vars("stage", "helping", "topic", "delivery-options")
            .generated();
    chat.end();

    assertThat(topicSignals(turn)).as("the meaning was read").containsExactly("topic-order-status");
  }

  @Test
  void turn_whenOneWordOrThanks_thenTheMeaningPlacesNothing() {
    Chat word = chat("one-word");
    Chat.Turn alone =
        word.say("order").constructs("first-contact").vars("stage", "greeting").generated();
    word.end();
    Chat thanks = chat("thanks");
    Chat.Turn thanked =
        thanks
            .say("my order came today, thanks for the quick delivery!")
            .constructs("first-contact")
            .vars("stage", "closing")
            .generated();
    thanks.end();

    assertThat(topicSignals(alone)).containsExactly("topic-order-status");
    assertThat(topicSignals(thanked)).containsExactly("topic-order-status");
  }

  @Test
  void turn_whenAFollowUpMeansAnotherTopic_thenItStaysOnTheTopicItCarries() {
    Chat chat = chat("follow-up");
    chat.say("where is my order 55120")
        .constructs("first-contact", "order-status")
        .vars("order_id", "55120", "stage", "helping", "topic", "order-status")
        .generated();
    Chat.Turn followUp =
        chat.say("it is for a wedding, how soon can i have it")
            .constructs("order-status")
            .vars("order_id", "55120", "stage", "helping", "topic", "order-status")
            .generated();
    chat.end();

    assertThat(topicSignals(followUp)).containsExactly("topic-delivery");
  }
}
