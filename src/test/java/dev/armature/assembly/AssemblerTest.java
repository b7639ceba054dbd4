package dev.armature.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblerTest {
  @Test
  void template_replacesVariablesAttributesAndFallbacks_andWarnsAboutMissingOnes() {
    Template t =
        Template.parse(
            "Order {{var.order_id}} for a {{ attr.tier | standard }} customer in {{var.city}}.");
    List<String> warnings = new ArrayList<>();

    String text = t.render(Map.of("order_id", "1182"), Map.of(), warnings, "order-status");

    assertThat(text).isEqualTo("Order 1182 for a standard customer in .");
    assertThat(warnings).containsExactly("construct 'order-status': {{var.city}} has no value");
    assertThat(t.variables()).containsExactly("order_id", "city");
  }

  @Test
  void template_insertsValuesVerbatim_withoutExpandingPlaceholdersInThem() {
    Template t = Template.parse("Note: {{var.note}}");

    assertThat(t.render(Map.of("note", "{{var.secret}}"), Map.of(), new ArrayList<>(), "c"))
        .isEqualTo("Note: {{var.secret}}");
  }

  @Test
  void template_whenPlaceholderIsMalformed_namesItsLine() {
    assertThatThrownBy(() -> Template.parse("ok\n{{session.id}}"))
        .hasMessage(
            "line 2, column 1: placeholder '{{session.id}}' must be {{var.NAME}} or {{attr.NAME}}, optionally with |fallback");
  }

  @Test
  void template_whenPlaceholderIsNotClosed_namesItsLineAndColumn() {
    assertThatThrownBy(() -> Template.parse("Hello\nYour visit on {{vars.appt_date} is booked."))
        .hasMessage(
            "line 2, column 15: placeholder '{{vars.appt_date} is booked.' is not closed by '}}';"
                + " write {{var.NAME}} or {{attr.NAME}}");
  }

  @Test
  void template_whenScopeIsMisspelled_suggestsTheRightOne() {
    assertThatThrownBy(() -> Template.parse("On {{vars.appt_date}}."))
        .hasMessageContaining("did you mean {{var.appt_date}}?");
  }

  @Test
  void system_joinsFrameAndConstructsWithBlankLines() {
    Construct a = new Construct("a", "", "", "s", 1, List.of(), Map.of(), Template.parse("First."));
    Construct b =
        new Construct("b", "", "", "s", 1, List.of(), Map.of(), Template.parse("Second."));

    assertThat(Assembler.system("Frame.", List.of(a, b), Map.of(), Map.of(), new ArrayList<>()))
        .isEqualTo("Frame.\n\nFirst.\n\nSecond.");
    assertThat(Assembler.system("", List.of(a), Map.of(), Map.of(), new ArrayList<>()))
        .isEqualTo("First.");
  }

  @Test
  void window_keepsTheNewestWholeExchangesWithinTurnAndTokenBudgets() {
    List<Message[]> exchanges =
        List.of(
            pair("old question", "old answer"),
            pair("mid question", "x".repeat(40)),
            pair("new question", "new answer"));

    assertThat(texts(Assembler.window(exchanges, 10, 1000)))
        .containsExactly(
            "old question",
            "old answer",
            "mid question",
            "x".repeat(40),
            "new question",
            "new answer");
    assertThat(texts(Assembler.window(exchanges, 1, 1000)))
        .containsExactly("new question", "new answer");
    assertThat(texts(Assembler.window(exchanges, 10, 10)))
        .containsExactly("new question", "new answer");
    assertThat(Assembler.window(exchanges, 10, 5)).isEmpty();
  }

  private static Message[] pair(String user, String reply) {
    return new Message[] {
      new Message(Message.Role.USER, user), new Message(Message.Role.ASSISTANT, reply)
    };
  }

  private static List<String> texts(List<Message> messages) {
    return messages.stream().map(Message::text).toList();
  }
}
