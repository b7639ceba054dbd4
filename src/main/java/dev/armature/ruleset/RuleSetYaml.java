package dev.armature.ruleset;

import dev.armature.signals.SignalSpec;
import java.util.List;
import java.util.Map;

/** {@code ruleset.yaml} as written; checked and turned into a {@link RuleSet} by the loader. */
record RuleSetYaml(
    String name,
    String description,
    String frame,
    List<String> sections,
    Map<String, String> model,
    HistoryYaml history,
    LimitsYaml limits,
    Map<String, SignalSpec> signals,
    AttributesYaml attributes) {

  record HistoryYaml(Integer maxTokens, Integer maxTurns, Integer remember) {}

  record LimitsYaml(Integer maxFirings) {}

  /** {@code attributes: { client: [channel, locale] }}: what an HTTP client may set. */
  record AttributesYaml(List<String> client) {}
}
