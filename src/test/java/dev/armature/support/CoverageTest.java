package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Trace;
import dev.armature.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The conversation tests together apply every construct and fire every rule of the support rule
 * set.
 */
class CoverageTest {
  @Test
  void conversations_whenAllRun_applyEveryConstructAndFireEveryRule() {
    ConversationsTest plain = new ConversationsTest();
    ReviewConversationsTest review = new ReviewConversationsTest();
    LanguageAndLengthTest language = new LanguageAndLengthTest();
    RealCustomersTest real = new RealCustomersTest();
    MeaningTest meaning = new MeaningTest();
    ToolPolicyTest policy = new ToolPolicyTest();
    List<Runnable> conversations =
        List.of(
            plain::conversation_whenOrderNumberComesAfterTheQuestion_usesItFromThenOn,
            plain::conversation_whenFrustrationPersists_offersAPerson,
            plain::conversation_whenOutOfScope_saysSoAndComesBackToTheShop,
            plain::conversation_whenAPersonIsAskedFor_offersTheHandOff,
            plain::conversation_whenGoldCustomerIsInAHurry_offersAPersonAtOnce,
            plain::conversation_whenClosedAndGreetedAgain_startsAfresh,
            plain::conversation_whenTheSameQuestionComesBack_changesTheApproach,
            plain::conversation_whenUnclearLongOrShouted_asksRegroundsAndDeescalates,
            plain::conversation_whenNoOrderNumberButAnEmail_asksForTheNumberAndKeepsTheEmail,
            plain::conversation_whenTheModelIsDown_fallbackRulesAnswerAndTheConversationGoesOn,
            review::conversation_whenRefundIsAskedOutsideTheWindow_neverPromisesIt,
            review::conversation_whenCardNumberIsSent_guardsItAndRepairsRepliesThatShowOne,
            review::conversation_whenConciseAnswerRunsLong_retriesItOnce,
            review::conversation_whenOnSms_keepsRepliesShort,
            review::conversation_whenSelfHarmIsMentioned_answersCarefullyWithoutTheModel,
            language::conversation_whenLanguageSwitches_followsTheCustomer,
            language::conversation_whenItRunsToTwentyFiveTurns_isRegroundedEveryFewTurns,
            real::conversation_whenAnOrderIsChanged_thenCancelled_followsEachRequest,
            real::conversation_whenNewsletterAndComplaint_citeTheirRules,
            real::conversation_whenThanksComeMidComplaint_doesNotClose,
            real::conversation_whenAGateAgentOrAReturnFlightIsMentioned_neitherHandsOffNorRefunds,
            meaning::turn_whenNoLexiconPlacesTheMessage_thenTheNearestMeaningDoes,
            meaning::turn_whenAnOrderIsAskedAboutInOtherWords_thenItsNumberIsAskedFor,
            meaning::turn_whenANewQuestionInOtherWordsComesAfterClosing_thenTheKnownNumberIsUsed);
    conversations.forEach(Runnable::run);
    try {
      policy.policy_everyBreakingCallIsStoppedBeforeTheToolRuns_everyCorrectCallRuns();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    List<Trace> traces = new ArrayList<>(plain.traces);
    traces.addAll(review.traces);
    traces.addAll(language.traces);
    traces.addAll(real.traces);
    traces.addAll(meaning.traces);
    traces.addAll(policy.traces);

    Set<String> fired = new TreeSet<>();
    Set<String> applied = new TreeSet<>();
    traces.forEach(
        t -> {
          fired.addAll(t.firedRules());
          applied.addAll(t.constructs());
        });
    RuleSet support = Chat.SUPPORT;
    Set<String> neverFired = new TreeSet<>();
    support
        .rules()
        .forEach(
            rule -> {
              if (!fired.contains(rule.name())) {
                neverFired.add(rule.name() + " (" + rule.file() + ":" + rule.line() + ")");
              }
            });
    Set<String> neverApplied = new TreeSet<>(support.constructs().keySet());
    neverApplied.removeAll(applied);

    assertThat(conversations).hasSizeGreaterThanOrEqualTo(12);
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(neverFired).as("rules that no conversation fires").isEmpty();
          softly.assertThat(neverApplied).as("constructs that no conversation applies").isEmpty();
        });
  }
}
