package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that resends its history with one more exchange continues from the state its last
 * request derived, and that state is the one a derivation from the first message makes.
 */
class DerivedStatesTest {
  static final RuleSet SUPPORT = RuleSetLoader.load(Path.of("rules/support"));

  private static final List<String> USER =
      List.of(
          "hi, my parcel for order 1182 never came",
          "it was due last monday!!",
          "can you check where it is",
          "ok and if it doesnt come can i get my money back");

  private static List<Message> history(int exchanges) {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < exchanges; i++) {
      messages.add(new Message(Message.Role.USER, USER.get(i)));
      messages.add(new Message(Message.Role.ASSISTANT, "Answer " + i + "."));
    }
    return messages;
  }

  private static TurnResult turn(Orchestrator o, int exchanges) {
    // serve names a stateless turn by a digest of all its messages: another name each request.
    return o.statelessTurn(
        "stateless-" + exchanges,
        history(exchanges),
        USER.get(exchanges),
        Map.of("tier", "gold"),
        ModelParameters.DEFAULTS);
  }

  @Test
  void statelessTurn_whenTheHistoryGrowsByOneExchange_runsOnlyTheNewOne_andDerivesTheSameState() {
    Orchestrator client = Orchestrator.builder().ruleSet(SUPPORT).model(replies(3)).build();
    turn(client, 1);
    turn(client, 2);
    TurnResult continued = turn(client, 3);

    // The first request ran its one earlier exchange; each later one continued from the last.
    assertThat(client.derived.reused()).isEqualTo(0 + 1 + 2);
    TurnResult fresh =
        turn(
            Orchestrator.builder()
                .ruleSet(SUPPORT)
                .model(new ScriptedModel("The reply 2."))
                .build(),
            3);
    assertThat(continued.reply()).isEqualTo(fresh.reply());
    assertThat(continued.trace().rules()).isEqualTo(fresh.trace().rules());
    assertThat(continued.trace().decisions()).isEqualTo(fresh.trace().decisions());
    assertThat(continued.trace().request()).isEqualTo(fresh.trace().request());
  }

  @Test
  void statelessTurn_whenAnEarlierReplyDiffers_derivesAgainFromTheStart() {
    Orchestrator client = Orchestrator.builder().ruleSet(SUPPORT).model(replies(2)).build();
    turn(client, 2);
    List<Message> edited = history(2);
    edited.set(1, new Message(Message.Role.ASSISTANT, "Another answer."));

    client.statelessTurn(
        "chat-1", edited, USER.get(2), Map.of("tier", "gold"), ModelParameters.DEFAULTS);

    assertThat(client.derived.reused()).isZero();
  }

  private static Model replies(int n) {
    String[] replies = new String[n];
    for (int i = 0; i < n; i++) {
      replies[i] = "The reply " + i + ".";
    }
    return new ScriptedModel(replies);
  }
}
