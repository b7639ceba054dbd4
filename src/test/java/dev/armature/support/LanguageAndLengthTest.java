package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The language the customer writes in, and a conversation long enough to need re-grounding. */
class LanguageAndLengthTest {
  final List<Trace> traces = new ArrayList<>();

  private Chat chat(String id) {
    return new Chat(id, Map.of(), new FakeModel(), traces);
  }

  @Test
  void conversation_whenLanguageSwitches_followsTheCustomer() {
    Chat chat = chat("language");
    Chat.Turn spanish =
        chat.say("Hola, ¿dónde está mi pedido 58213?")
            .constructs("first-contact", "order-status", "keep-language")
            .vars("language", "Spanish", "order_id", "58213", "stage", "helping")
            .generated();
    assertThat(spanish.system()).contains("The customer writes in Spanish.");
    chat.say("Gracias. ¿Y cuándo llega, más o menos?")
        .constructs("keep-language")
        .vars("language", "Spanish", "order_id", "58213", "stage", "helping")
        .generated();
    Chat.Turn english =
        chat.say("Sorry, let me switch to English. Where can I find the invoice for it?")
            .constructs("billing-policy")
            .vars("order_id", "58213", "stage", "helping")
            .generated();
    assertThat(english.trace().variables())
        .contains(
            new Trace.VarChange(
                "language", "Spanish", null, "rule 'Back to English clears the language'"));
    chat.say("Bonjour, je n'ai toujours pas reçu mon colis")
        .constructs("order-status", "keep-language")
        .vars("language", "French", "order_id", "58213", "stage", "helping")
        .generated();
    Chat.Turn german =
        chat.say("Hallo, wo ist meine Bestellung? Ich habe sie noch nicht bekommen.")
            .constructs("order-status", "keep-language")
            .vars("language", "German", "order_id", "58213", "stage", "helping")
            .generated();
    assertThat(german.system()).contains("Write the whole reply in German");
    chat.end();
  }

  @Test
  void conversation_whenItRunsToTwentyFiveTurns_isRegroundedEveryFewTurns() {
    Chat chat = chat("long");
    chat.say("Hi").constructs("first-contact").vars("stage", "greeting").generated();
    chat.say("I want to return a jacket I bought")
        .constructs("refund-policy")
        .vars("stage", "helping")
        .generated();
    chat.say("It's order 60412")
        .constructs("refund-policy")
        .vars("order_id", "60412", "stage", "helping")
        .generated();
    // From here the refund topic carries into every follow-up that names no topic of its own.
    String[] helping = {"order_id", "60412", "stage", "helping"};
    chat.say("The sleeves are too long").constructs("refund-policy").vars(helping).generated();
    chat.say("Is the return free?")
        .constructs("refund-policy", "concise")
        .vars(helping)
        .generated();
    chat.say("What if I paid with PayPal").constructs("payment-help").vars(helping).generated();
    chat.say("ok").constructs().vars(helping).generated();
    chat.say("How do I print the label?")
        .constructs("refund-policy", "stepwise")
        .vars(helping)
        .generated();
    chat.say("I don't have a printer at home")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    Chat.Turn tenth =
        chat.say("Could a friend print it for me?")
            .constructs("re-ground", "refund-policy", "concise")
            .vars(helping)
            .generated();
    assertThat(tenth.system()).contains("order number 60412; stage of the conversation: helping.");
    chat.say("Alright, and which box should I use")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    chat.say("The original box is a bit damaged")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    chat.say("Can I use another box?")
        .constructs("refund-policy", "concise")
        .vars(helping)
        .generated();
    chat.say("Where do I drop the parcel off")
        .constructs("refund-policy", "stepwise")
        .vars(helping)
        .generated();
    chat.say("Is there a drop-off point near the station?")
        .constructs("refund-policy", "concise")
        .vars(helping)
        .generated();
    chat.say("Got it").constructs().vars(helping).generated();
    chat.say("When will I see the money after that")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    chat.say("And will I get an email when it is received")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    String[] closing = {"order_id", "60412", "stage", "closing"};
    chat.say("Thanks, that helps")
        .constructs("re-ground", "close-conversation")
        .vars(closing)
        .generated();
    chat.say("One more thing. Can I exchange it for a smaller size instead?")
        .constructs("refund-policy", "concise")
        .vars(helping)
        .generated();
    chat.say("Size M please").constructs("refund-policy").vars(helping).generated();
    chat.say("How long does an exchange take")
        .constructs("refund-policy")
        .vars(helping)
        .generated();
    chat.say("Okay, I will send it tomorrow").constructs("refund-policy").vars(helping).generated();
    chat.say("Thank you for the help").constructs("close-conversation").vars(closing).generated();
    Chat.Turn last = chat.say("Bye").constructs("close-conversation").vars(closing).generated();
    assertThat(last.trace().turn()).isEqualTo(25);
    assertThat(last.trace().request().messages()).hasSize(1 + 2 * 6 + 1);
    chat.end();
  }
}
