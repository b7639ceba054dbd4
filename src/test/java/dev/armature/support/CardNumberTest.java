package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Conversation;
import dev.armature.Message;
import dev.armature.ModelRequest;
import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A card number the customer sends never reaches a variable, a trace, a request or the stored
 * history.
 */
class CardNumberTest {
  private static final List<String> CARDS =
      List.of(
          "4111 1111 1111 1111",
          "5500-0000-0000-0004",
          "4242424242424242",
          "3782 822463 10005",
          "6011000990139424");

  @Test
  void turn_whenCardNumbersAreSent_neverShowsThemAnywhere() {
    List<Trace> traces = new ArrayList<>();
    Chat chat = new Chat("cards", Map.of("tier", "gold"), new FakeModel(), traces);
    chat.say("Hi, I was charged twice on " + CARDS.get(0) + " for order 58213")
        .constructs("sensitive-data", "priority-care", "first-contact", "billing-policy")
        .vars("card_warned", "yes", "order_id", "58213", "stage", "helping")
        .generated();
    chat.say(
            "Or maybe it was "
                + CARDS.get(1)
                + "? Or "
                + CARDS.get(2)
                + ", my email is ana@example.com")
        .constructs("sensitive-data", "offer-handoff", "billing-policy") // the topic carries on
        .vars(
            "card_warned",
            "yes",
            "email",
            "ana@example.com",
            "order_id",
            "58213",
            "stage",
            "handoff")
        .generated();
    chat.say("Mi tarjeta es " + CARDS.get(3) + " y la otra " + CARDS.get(4) + ", quiero mi dinero")
        .constructs("sensitive-data", "offer-handoff", "billing-policy", "keep-language")
        .vars(
            "card_warned",
            "yes",
            "email",
            "ana@example.com",
            "language",
            "Spanish",
            "order_id",
            "58213",
            "stage",
            "handoff")
        .generated();
    chat.end();

    List<String> everywhere = new ArrayList<>();
    Conversation stored = chat.orchestrator.conversation("cards");
    everywhere.addAll(stored.vars().values());
    stored
        .recent()
        .forEach(
            e -> {
              everywhere.add(e.user());
              everywhere.add(e.reply());
            });
    traces.forEach(t -> everywhere.add(t.toJson()));
    for (ModelRequest request : chat.model.requests) {
      request.messages().stream().map(Message::text).forEach(everywhere::add);
    }
    for (String card : CARDS) {
      String digits = card.replaceAll("\\D", "");
      String hidden = digits.substring(0, digits.length() - 4);
      for (String text : everywhere) {
        assertThat(text.replaceAll("[ -]", ""))
            .as("text that must not show card %s", card)
            .doesNotContain(hidden);
      }
    }
    assertThat(traces.get(0).signals())
        .filteredOn(s -> s.name().equals("card-number"))
        .singleElement()
        .satisfies(s -> assertThat(s.evidence()).containsExactly("**** **** **** 1111"));
  }
}
