package dev.armature;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model parameters a client asked for, in a turn: rules see them as attributes named {@code
 * request.<parameter>} ({@code request.temperature}, {@code request.max_tokens}, ...; {@code
 * request.response_format} is {@code json} or {@code json_schema}), and they take the place of the
 * rule set's defaults. A construct's {@code params} and a rule's {@code Param} still override them.
 * A {@code max_tokens} above the rule set's own {@code model.max_tokens} is lowered to it.
 */
final class RequestedParameters {
  /** The prefix of the attributes that carry the request's parameters; callers cannot set them. */
  static final String PREFIX = "request.";

  private RequestedParameters() {}

  /** The attributes with the request's parameters, and none a caller sent under their prefix. */
  static Map<String, String> attributes(Map<String, String> attributes, ModelParameters requested) {
    Map<String, String> attrs = new TreeMap<>(attributes);
    attrs.keySet().removeIf(name -> name.startsWith(PREFIX));
    requested
        .asText()
        .forEach(
            (name, value) -> {
              if (name.equals("json_schema")) {
                attrs.put(PREFIX + "response_format", "json_schema");
              } else if (!(name.equals("response_format") && requested.jsonSchema() != null)) {
                attrs.put(PREFIX + name, oneLine(value));
              }
            });
    return attrs;
  }

  /** The rule set's defaults with the request's parameters in their place, within its limit. */
  static Map<String, String> defaults(
      Map<String, String> ruleSet, ModelParameters requested, List<String> warnings) {
    if (requested.equals(ModelParameters.DEFAULTS)) {
      return ruleSet;
    }
    Map<String, String> params = new TreeMap<>(ruleSet);
    params.putAll(requested.asText());
    String limit = ruleSet.get("max_tokens");
    if (limit != null
        && requested.maxTokens() != null
        && requested.maxTokens() > Integer.parseInt(limit.strip())) {
      params.put("max_tokens", limit.strip());
      warnings.add(
          "the request's max_tokens "
              + requested.maxTokens()
              + " is above the rule set's "
              + limit.strip()
              + "; the rule set's is used");
    }
    return params;
  }

  /** Attribute values are at most {@link Limits#MAX_ATTRIBUTE_CHARS} characters, no controls. */
  private static String oneLine(String text) {
    String line = text.replaceAll("\\p{Cntrl}+", " ");
    return line.length() <= Limits.MAX_ATTRIBUTE_CHARS
        ? line
        : line.substring(0, Limits.MAX_ATTRIBUTE_CHARS);
  }
}
