package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Orchestrator;
import dev.armature.Trace;
import dev.armature.TurnResult;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One conversation with the support rule set. Every turn must be checked for its constructs, its
 * variables and its review outcome before the next turn, and at the end: a turn left unchecked
 * fails the test.
 */
final class Chat {
  static final Path RULES = Path.of("rules/support");
  static final RuleSet SUPPORT = RuleSetLoader.load(RULES);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

  final Orchestrator orchestrator;
  final FakeModel model;
  private final String id;
  private final Map<String, String> attributes;
  private final List<Trace> record;
  private Turn last;

  Chat(String id, Map<String, String> attributes, FakeModel model, List<Trace> record) {
    this.orchestrator =
        Orchestrator.builder().ruleSet(SUPPORT).model(model).clock(CLOCK).sleeper(d -> {}).build();
    this.model = model;
    this.id = id;
    this.attributes = Map.copyOf(attributes);
    this.record = record;
  }

  /** Runs the next turn; the previous one must have been checked in full. */
  Turn say(String text) {
    checked();
    TurnResult result = orchestrator.turn(id, text, attributes);
    record.add(result.trace());
    assertThat(result.trace().warnings())
        .as("conversation '%s' turn %d warnings", id, result.trace().turn())
        .isEmpty();
    last = new Turn(result);
    return last;
  }

  /** The conversation ends: its last turn was checked and every scripted reply was used. */
  void end() {
    checked();
    assertThat(model.scriptUsed())
        .as("conversation '%s': every scripted reply was used", id)
        .isTrue();
  }

  private void checked() {
    if (last != null) {
      assertThat(last.unchecked())
          .as("conversation '%s' turn %d was not checked for", id, last.trace().turn())
          .isEmpty();
    }
  }

  /** A turn's result, with the three checks every turn needs. */
  final class Turn {
    final TurnResult result;
    private boolean constructs;
    private boolean vars;
    private boolean outcome;

    private Turn(TurnResult result) {
      this.result = result;
    }

    Trace trace() {
      return result.trace();
    }

    /** Exactly these constructs were kept, in request order. */
    Turn constructs(String... expected) {
      assertThat(trace().constructs())
          .as("turn %d constructs", trace().turn())
          .containsExactly(expected);
      constructs = true;
      return this;
    }

    /**
     * After the turn, the conversation's variables are exactly these name/value pairs. The 'topic'
     * variable, which carries the topic into follow-up turns, is compared only when named here: the
     * recorded conversations pin it on every turn, and these tests are about other variables.
     */
    Turn vars(String... pairs) {
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        expected.put(pairs[i], pairs[i + 1]);
      }
      Map<String, String> actual = new LinkedHashMap<>(orchestrator.conversation(id).vars());
      if (!expected.containsKey("topic")) {
        actual.remove("topic");
      }
      assertThat(actual)
          .as("turn %d variables", trace().turn())
          .containsExactlyInAnyOrderEntriesOf(expected);
      vars = true;
      return this;
    }

    /** The model's first reply was accepted as it was. */
    Turn generated() {
      return outcome("generated", 1);
    }

    /** The model failed after its retries and a fallback rule answered. */
    Turn fellBack() {
      return outcome("fallback", 0);
    }

    /** A rule answered; the model was not called. */
    Turn responded() {
      return outcome("responded", 0);
    }

    /** The review rejected the first reply and accepted the retry. */
    Turn retried() {
      return outcome("retried-after-review", 2);
    }

    /** The review replaced the reply with a fixed text, after this many attempts. */
    Turn replaced(int attempts) {
      return outcome("replaced-by-review", attempts);
    }

    private Turn outcome(String expected, int attempts) {
      assertThat(trace().outcome()).as("turn %d outcome", trace().turn()).isEqualTo(expected);
      assertThat(trace().attempts()).as("turn %d model attempts", trace().turn()).hasSize(attempts);
      outcome = true;
      return this;
    }

    /** The system message sent with the last attempt. */
    String system() {
      return model.requests.get(model.requests.size() - 1).system();
    }

    List<String> unchecked() {
      List<String> missing = new java.util.ArrayList<>();
      if (!constructs) {
        missing.add("constructs");
      }
      if (!vars) {
        missing.add("vars");
      }
      if (!outcome) {
        missing.add("outcome");
      }
      return missing;
    }
  }
}
