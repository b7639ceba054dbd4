package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How rules/support meets customers as they really write: the topics added for issue 14, the topic
 * carried into follow-ups, frustration without the usual words, thanks in the middle of a
 * complaint, and the other senses of "agent" and "return".
 */
class RealCustomersTest {
  final List<Trace> traces = new ArrayList<>();

  private Chat chat(String id) {
    return new Chat(id, Map.of(), new FakeModel(), traces);
  }

  @Test
  void conversation_whenAnOrderIsChanged_thenCancelled_followsEachRequest() {
    Chat chat = chat("orders");
    chat.say("can i add a second mug to my order 50871 before it ships")
        .constructs("first-contact", "order-help")
        .vars("order_id", "50871", "stage", "helping", "topic", "order-help")
        .generated();
    chat.say("and swap the colour of the first one to blue")
        .constructs("order-help")
        .vars("order_id", "50871", "stage", "helping", "topic", "order-help")
        .generated();
    chat.say("actually pls cancel the whole order")
        .constructs("cancel-order")
        .vars("order_id", "50871", "stage", "helping", "topic", "cancel-order")
        .generated();
    chat.say("is there a cancellation fee?")
        .constructs("cancellation-fees", "concise")
        .vars("order_id", "50871", "stage", "helping", "topic", "cancellation-fees")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenNewsletterAndComplaint_citeTheirRules() {
    Chat chat = chat("mail");
    chat.say("take me off ur mailing list pls")
        .constructs("first-contact", "newsletter")
        .vars("stage", "helping", "topic", "newsletter")
        .generated();
    chat.say("and i want to file a complaint about your website")
        .constructs("feedback")
        .vars("stage", "helping", "topic", "feedback")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenThanksComeMidComplaint_doesNotClose() {
    Chat chat = chat("sarcasm");
    chat.say("order 44120 still hasnt arrived, 2 weeks now")
        .constructs("first-contact", "order-status")
        .vars("order_id", "44120", "stage", "helping", "topic", "order-status")
        .generated();
    Chat.Turn marks =
        chat.say("great. just great 🙄 still nothing?!?!")
            .constructs("de-escalate", "order-status")
            .vars("order_id", "44120", "stage", "helping", "topic", "order-status")
            .generated();
    assertThat(marks.trace().firedRules())
        .contains("Angry faces and runs of ?! are heard as frustration");
    chat.say("thanks for nothing")
        .constructs("de-escalate", "offer-handoff", "order-status")
        .vars("order_id", "44120", "stage", "handoff", "topic", "order-status")
        .generated();
    chat.say("ok it finally came, thank you")
        .constructs("close-conversation")
        .vars("order_id", "44120", "stage", "closing")
        .generated();
    chat.end();
  }

  @Test
  void conversation_whenAGateAgentOrAReturnFlightIsMentioned_neitherHandsOffNorRefunds() {
    Chat chat = chat("airline");
    chat.say("the gate agent said i could return my flight ticket here")
        .constructs("first-contact")
        .vars("stage", "greeting")
        .generated();
    chat.say("sorry, I have a question").constructs("clarify").vars("stage", "helping").generated();
    chat.end();
  }
}
