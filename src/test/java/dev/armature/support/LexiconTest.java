package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.facts.Signal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The support lexicons catch ordinary paraphrases that are not written in them, and stay quiet on
 * look-alikes. Each line: the signal, then a message.
 */
class LexiconTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "frustration    | I'm beyond irritated with how this has been handled",
        "frustration    | Honestly this service is a disgrace and I'm sick of chasing you",
        "frustration    | You people are completely incompetent",
        "gratitude      | Really appreciate you sorting that out",
        "gratitude      | Many thanks for the quick help",
        "payment        | There are two identical payments on my statement",
        "billing        | Why was I overcharged for delivery",
        "refund         | I'd like to get reimbursed for the broken kettle",
        "refund         | Can I send back the shoes, they're the wrong size",
        "order-status   | My parcel hasn't turned up and the tracking hasn't moved",
        "order-status   | Any idea when my shipment will get here",
        "greeting       | Good morning team",
        "goodbye        | That's everything for today, have a lovely evening, bye",
        "off-topic      | Could you help me with my maths homework",
        "off-topic      | Who do you think will win the election",
        "urgency        | I need this sorted out immediately please",
        "urgency        | It has to arrive by tomorrow, it's for a wedding",
        "self-harm      | I keep thinking about killing myself",
        "self-harm      | Sometimes I wish I was dead",
        "self-harm      | I feel like ending it all",
        "human-request  | Put me through to an actual person",
        "human-request  | I want this escalated to your supervisor",
        "how-to         | Could you walk me through changing my delivery address",
        "how-to         | What are the steps for returning something",
        "vague          | Something is wrong with my thing",
        "spanish        | Buenas tardes, necesito ayuda con mi paquete",
        "french         | Bonsoir, j'ai un problème avec ma livraison",
        "german         | Guten Tag, ich habe mein Paket noch nicht bekommen",
        "english        | Sorry, I can write in English, where is the parcel?",
        "yes-no         | Thanks. Is it possible to pay with PayPal?",
        "order-number   | my order no. 558812 never came",
        "email          | you can reach me at j.doe+shop@mail.example.org",
        "past-window    | I got it more than a month ago",
        "card-number    | the card was 4000-0566-5566-5556",
        "question       | what happens after I send it back",
        "shouting       | THIS IS THE THIRD TIME I WRITE",
      })
  void detect_whenParaphrased_findsTheSignal(String signal, String message) {
    assertThat(names(message)).contains(signal);
  }

  @ParameterizedTest(name = "not {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "self-harm      | These prices are killing me",
        "self-harm      | My phone died, can I order a new charger?",
        "order-status   | Do you ship to Canada?",
        "billing        | Is the charger included with the phone?",
        "frustration    | Thanks, that was easy",
        "off-topic      | Where is my order?",
        "spanish        | Where is my parcel, it is late",
        "past-window    | I ordered it two weeks ago",
        "yes-no         | How do I return an item?",
        "card-number    | My order 58213 was placed on 2026-02-14",
      })
  void detect_whenOnlyLookingAlike_staysQuiet(String signal, String message) {
    assertThat(names(message)).doesNotContain(signal);
  }

  private static List<String> names(String message) {
    return Chat.SUPPORT.signals().detect(message, List.of()).signals().stream()
        .map(Signal::name)
        .toList();
  }
}
