package dev.armature.ruleset;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.armature.signals.SignalSpec;
import java.util.List;
import java.util.Map;

/**
 * {@code ruleset.yaml} as written; checked and turned into a {@link RuleSet} by the loader.
 *
 * @param routes route name to what it uses when the application binds no model to it ({@code
 *     default}: the default model)
 * @param variables variables that code the check cannot read sets (the application, a computed
 *     {@code SetVar} name), so that rules and constructs may read them
 * @param gate the conversation files or folders that must replay before a live edit serves
 * @param tools the tools rules may offer, by name
 */
record RuleSetYaml(
    String name,
    String description,
    String frame,
    List<String> sections,
    Map<String, String> model,
    HistoryYaml history,
    LimitsYaml limits,
    StreamYaml stream,
    Map<String, SignalSpec> signals,
    AttributesYaml attributes,
    Map<String, String> routes,
    List<String> variables,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> gate,
    Map<String, ToolYaml> tools) {

  record HistoryYaml(Integer maxTokens, Integer maxTurns, Integer remember) {}

  record LimitsYaml(Integer maxFirings, Integer maxToolRounds) {}

  /**
   * One tool: {@code parameters} is the JSON schema of its arguments; {@code timeout} such as
   * {@code 2s} or {@code 500ms}; {@code changes} whether a call changes anything.
   */
  record ToolYaml(
      String description,
      com.fasterxml.jackson.databind.JsonNode parameters,
      String timeout,
      Boolean changes) {}

  /**
   * {@code stream: { window: 200 }}: how many characters of a streamed reply are held back, so the
   * redacting signals see them before the client does; or {@code window_tokens: 50}, in tokens
   * estimated as 4 characters each (as the history budget estimates them).
   */
  record StreamYaml(Integer window, Integer windowTokens) {}

  /** {@code attributes: { client: [channel, locale] }}: what an HTTP client may set. */
  record AttributesYaml(List<String> client) {}
}
