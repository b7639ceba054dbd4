package dev.armature.ruleset;

import dev.armature.ModelParameters;
import dev.armature.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that the rules speak the rule set's vocabulary before anything runs: the signals they read
 * are defined, the constructs they name exist, the variables they read are set somewhere, their
 * parameters and routes are valid, each field they test exists and is compared with a value of its
 * kind, and each regular expression compiles. Every problem names the rule, what was expected and
 * the closest valid name.
 *
 * <p>A {@code null} set is one that is not known (ruleset.yaml does not read): its names are not
 * checked.
 *
 * @param signals the signals {@code ruleset.yaml} defines, whatever their kind
 * @param constructs the construct ids (the files under {@code constructs/})
 * @param variables the variables set anywhere: {@code SetVar} with a literal name, a capture, or a
 *     declaration in {@code ruleset.yaml}
 * @param routes the routes {@code ruleset.yaml} declares
 * @param tools the tools {@code ruleset.yaml} declares
 */
record Vocabulary(
    Set<String> signals,
    Set<String> constructs,
    Set<String> variables,
    Set<String> routes,
    Set<String> tools) {
  private static final Pattern BINDING = Pattern.compile("^\\$\\w+\\s*:\\s*");
  private static final Pattern LEAD = Pattern.compile("^([a-z_]\\w*)(\\s*\\(\\s*\\))?");
  private static final Pattern OPERATOR =
      Pattern.compile(
          "^\\s*(==|!=|>=|<=|>|<|not\\s+in\\b|in\\b|not\\s+contains\\b|contains\\b"
              + "|not\\s+matches\\b|matches\\b)\\s*");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /** Variables that {@code SetVar} decisions with a literal name set, in all of these files. */
  static Set<String> setVariables(List<DrlSource> sources) {
    Set<String> set = new TreeSet<>();
    for (DrlSource source : sources) {
      for (DrlScan.Rule rule : DrlScan.rules(source.code())) {
        for (DrlScan.NewCall call : rule.calls()) {
          if (call.type().equals("SetVar") && !call.args().isEmpty()) {
            String name = literal(call.args().get(0).text());
            set.add(name == null ? "*" : name);
          }
        }
      }
    }
    return set;
  }

  /** The problems of one file, each at the position of the name or value at fault. */
  List<Problem> check(DrlSource source) {
    List<Problem> problems = new ArrayList<>();
    for (DrlScan.Rule rule : DrlScan.rules(source.code())) {
      Context at = new Context(source, rule, problems);
      if (rule.when() >= 0 && rule.then() < 0) {
        at.add(
            rule.end(),
            "no 'then' after its conditions; a rule is written rule \"name\" when conditions then"
                + " actions end");
        continue;
      }
      for (DrlScan.PatternUse pattern : rule.patterns()) {
        FactTypes.Type type = FactTypes.ALL.get(pattern.type());
        if (type == null) {
          String close = Names.closest(pattern.type(), FactTypes.ALL.keySet());
          if (close != null) {
            at.add(
                pattern.offset(),
                "unknown fact type '"
                    + pattern.type()
                    + "'; did you mean '"
                    + close
                    + "'? Rules match "
                    + String.join(", ", FactTypes.ALL.keySet()));
          }
          continue;
        }
        for (DrlScan.Piece constraint : pattern.constraints()) {
          constraint(type, constraint, at);
        }
      }
      for (DrlScan.NewCall call : rule.calls()) {
        call(call, at);
      }
    }
    return problems;
  }

  /** Where problems of one rule go. */
  private record Context(DrlSource source, DrlScan.Rule rule, List<Problem> problems) {
    void add(int offset, String message) {
      problems.add(
          new Problem(
              source.file,
              source.lineOf(offset),
              source.columnOf(offset),
              "rule '" + rule.name() + "': " + message));
    }
  }

  private void constraint(FactTypes.Type type, DrlScan.Piece piece, Context at) {
    String text = piece.text();
    int offset = piece.offset();
    Matcher bind = BINDING.matcher(text);
    if (bind.find()) {
      text = text.substring(bind.end());
      offset += bind.end();
    }
    Matcher lead = LEAD.matcher(text);
    if (!lead.find() || text.startsWith("this") && lead.group(1).equals("this")) {
      return;
    }
    String field = lead.group(1);
    boolean method = lead.group(2) != null;
    if (!method && lead.end() < text.length() && text.charAt(lead.end()) == '(') {
      return;
    }
    FactTypes.Kind kind = method ? type.methods().get(field) : type.fields().get(field);
    if (kind == null) {
      kind = method ? type.fields().get(field) : null;
    }
    if (kind == null) {
      List<String> names = new ArrayList<>(type.fields().keySet());
      type.methods().keySet().forEach(m -> names.add(method ? m + "()" : m));
      at.add(
          offset,
          type.name()
              + " has no field '"
              + field
              + (method ? "()" : "")
              + "'"
              + suggestion(method ? field + "()" : field, names)
              + "; "
              + type.name()
              + " has "
              + FactTypes.describe(type));
      return;
    }
    String rest = text.substring(lead.end());
    Matcher op = OPERATOR.matcher(rest);
    if (!op.find()) {
      return;
    }
    String operator = op.group(1).replaceAll("\\s+", " ");
    int valueAt = offset + lead.end() + op.end();
    String value = firstOperand(rest.substring(op.end()));
    compare(type, field, kind, operator, value, valueAt, at);
  }

  private static String suggestion(String wrong, List<String> names) {
    String close = Names.closest(wrong, names);
    return close == null ? "" : " (did you mean '" + close + "'?)";
  }

  /** The value of a comparison, up to a following {@code &&} or {@code ||}. */
  private static String firstOperand(String rest) {
    int depth = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '"') {
        i = DrlScan.stringEnd(rest, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && (rest.startsWith("&&", i) || rest.startsWith("||", i))) {
        return rest.substring(0, i).strip();
      }
    }
    return rest.strip();
  }

  private void compare(
      FactTypes.Type type,
      String field,
      FactTypes.Kind kind,
      String operator,
      String value,
      int valueAt,
      Context at) {
    String what = type.name() + "." + field;
    boolean string = value.startsWith("\"");
    boolean number = NUMBER.matcher(value).matches();
    if (operator.endsWith("matches")) {
      if (kind != FactTypes.Kind.TEXT) {
        at.add(valueAt, what + " is " + kind.label + "; `matches` tests text only");
      } else if (string) {
        regex(value, valueAt, at);
      }
      return;
    }
    boolean ordering = Set.of(">", "<", ">=", "<=").contains(operator);
    if (kind == FactTypes.Kind.NUMBER && string) {
      at.add(
          valueAt,
          what + " is a number, compared with the text " + value + "; write a number such as 0.5");
      return;
    }
    if (kind == FactTypes.Kind.TEXT && (number || ordering)) {
      at.add(
          valueAt,
          what
              + " is text, "
              + (number ? "compared with the number " + value : "compared with " + operator)
              + "; write a text in double quotes and compare it with ==, != or in");
      return;
    }
    if (kind == FactTypes.Kind.LIST && number) {
      at.add(valueAt, what + " is a list of texts; it contains texts, not the number " + value);
      return;
    }
    String namespace = namespace(type.name(), field);
    if (namespace == null || ordering) {
      return;
    }
    Matcher literal = STRING.matcher(value);
    while (literal.find()) {
      name(namespace, literal.group(1), valueAt + literal.start(), at);
    }
  }

  /** What a field names: a signal, a construct, a variable, a parameter or a route. */
  private static String namespace(String type, String field) {
    String key = type + "." + field;
    switch (key) {
      case "Signal.name":
      case "Seen.signal":
      case "Reply.redacted":
        return "signal";
      case "Applied.construct":
      case "Apply.construct":
      case "Suppress.construct":
      case "Reject.construct":
        return "construct";
      case "Var.name":
        return "variable";
      case "Param.name":
        return "parameter";
      case "Route.model":
        return "route";
      case "Offer.tool":
      case "ToolCall.name":
      case "ToolResult.tool":
      case "ToolFailed.tool":
        return "tool";
      default:
        return null;
    }
  }

  private void name(String namespace, String name, int offset, Context at) {
    switch (namespace) {
      case "signal":
        if (signals != null && !signals.contains(name)) {
          at.add(
              offset,
              "reads signal '"
                  + name
                  + "', which ruleset.yaml does not define"
                  + Names.hint(name, signals, "signals"));
        }
        break;
      case "construct":
        if (!constructs.contains(name)) {
          at.add(
              offset,
              "names unknown construct '"
                  + name
                  + "' (no constructs/"
                  + name
                  + ".md)"
                  + Names.hint(name, constructs, "constructs"));
        }
        break;
      case "variable":
        if (variables != null && !variables.contains(name) && !variables.contains("*")) {
          at.add(offset, unsetVariable(name));
        }
        break;
      case "parameter":
        if (!ModelParameters.NAMES.contains(name)) {
          at.add(
              offset,
              "unknown parameter '"
                  + name
                  + "'"
                  + Names.hint(name, ModelParameters.NAMES, "parameters")
                  + " Parameters: "
                  + String.join(", ", ModelParameters.NAMES));
        }
        break;
      case "tool":
        if (tools != null && !tools.contains(name)) {
          at.add(
              offset,
              "names tool '"
                  + name
                  + "', which the 'tools:' section of ruleset.yaml does not declare"
                  + Names.hint(name, tools, "tools declared"));
        }
        break;
      default:
        if (routes != null && !routes.contains(name)) {
          at.add(offset, undeclaredRoute(name));
        }
    }
  }

  /** The message for a variable read that nothing sets. */
  String unsetVariable(String name) {
    return "reads variable '"
        + name
        + "', which no SetVar, capture or 'variables:' entry of ruleset.yaml sets"
        + Names.hint(name, variables, "variables set");
  }

  private String undeclaredRoute(String name) {
    return "routes to '"
        + name
        + "', which ruleset.yaml does not declare"
        + Names.hint(name, routes, "routes declared")
        + (Names.closest(name, routes) == null
            ? "; declare it with its default, such as routes: { " + name + ": default }"
            : "");
  }

  private void call(DrlScan.NewCall call, Context at) {
    List<DrlScan.Piece> args = call.args();
    switch (call.type()) {
      case "Apply":
      case "Suppress":
        literalName("construct", args, 0, at);
        break;
      case "Reject":
        literalName("construct", args, 1, at);
        break;
      case "Route":
        literalName("route", args, 0, at);
        break;
      case "Offer":
        literalName("tool", args, 0, at);
        break;
      case "Param":
        param(args, at);
        break;
      default:
        break;
    }
  }

  private void literalName(String namespace, List<DrlScan.Piece> args, int index, Context at) {
    if (args.size() > index) {
      String name = literal(args.get(index).text());
      if (name != null) {
        name(namespace, name, args.get(index).offset(), at);
      }
    }
  }

  private void param(List<DrlScan.Piece> args, Context at) {
    if (args.size() != 2) {
      return;
    }
    String name = literal(args.get(0).text());
    if (name == null) {
      return;
    }
    if (!ModelParameters.NAMES.contains(name)) {
      name("parameter", name, args.get(0).offset(), at);
      return;
    }
    String raw = args.get(1).text();
    String value = literal(raw);
    if (value == null && NUMBER.matcher(raw).matches()) {
      value = raw;
    }
    if (value == null) {
      return;
    }
    try {
      ModelParameters.validate(name, value);
    } catch (IllegalArgumentException e) {
      at.add(args.get(1).offset(), e.getMessage());
    }
  }

  private static void regex(String literal, int offset, Context at) {
    String expression = literal(literal);
    if (expression == null) {
      return;
    }
    try {
      Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      at.add(
          offset,
          "the regular expression of `matches` does not compile: "
              + e.getDescription()
              + (e.getIndex() >= 0
                  ? " at character " + (e.getIndex() + 1) + " of the expression"
                  : ""));
    }
  }

  /** The value of a DRL string literal that is the whole of {@code text}, or {@code null}. */
  static String literal(String text) {
    Matcher m = STRING.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    String body = m.group(1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char n = body.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
