package dev.armature.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A construct's text, parsed once when the rule set loads. {@code {{var.name}}} and {@code
 * {{attr.name}}} are replaced by the conversation variable or caller attribute; {@code
 * {{var.name|fallback}}} gives the text to use when it is not set. Values are inserted as they are:
 * placeholders inside a value are not expanded again.
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([^}|]*?)\\s*(?:\\|([^}]*))?}}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private record Part(String literal, boolean attribute, String name, String fallback) {}

  private final List<Part> parts;
  private final String source;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException naming the line of a placeholder that is not {@code var.NAME}
   *     or {@code attr.NAME}
   */
  public static Template parse(String text) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Part(text.substring(at, m.start()), false, null, null));
      }
      String ref = m.group(1);
      int dot = ref.indexOf('.');
      String scope = dot < 0 ? ref : ref.substring(0, dot);
      String name = dot < 0 ? "" : ref.substring(dot + 1);
      if (m.start() > at) {
        unclosed(text, at, m.start());
      }
      if (!(scope.equals("var") || scope.equals("attr")) || !NAME.matcher(name).matches()) {
        String hint =
            scope.startsWith("var") || scope.startsWith("attr")
                ? "; did you mean {{" + (scope.startsWith("var") ? "var." : "attr.") + name + "}}?"
                : "";
        throw new IllegalArgumentException(
            position(text, m.start())
                + "placeholder '"
                + m.group()
                + "' must be {{var.NAME}} or {{attr.NAME}}, optionally with |fallback"
                + hint);
      }
      parts.add(
          new Part(
              null, scope.equals("attr"), name, m.group(2) == null ? null : m.group(2).strip()));
      at = m.end();
    }
    if (at < text.length()) {
      unclosed(text, at, text.length());
      parts.add(new Part(text.substring(at), false, null, null));
    }
    return new Template(text, parts);
  }

  /** Fails on a {@code {{} between two placeholders that no {@code }}} closes. */
  private static void unclosed(String text, int from, int to) {
    int open = text.indexOf("{{", from);
    if (open >= 0 && open < to) {
      int end = text.indexOf('\n', open);
      String shown = text.substring(open, end < 0 || end > to ? to : end).strip();
      throw new IllegalArgumentException(
          position(text, open)
              + "placeholder '"
              + shown
              + "' is not closed by '}}'; write {{var.NAME}} or {{attr.NAME}}");
    }
  }

  /** {@code "line L, column C: "} of an offset, as {@code ConstructFile} reads it back. */
  private static String position(String text, int offset) {
    int line = 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    int column = offset - text.lastIndexOf('\n', offset - 1);
    return "line " + line + ", column " + column + ": ";
  }

  /** The template as written. */
  public String source() {
    return source;
  }

  /** The variable names this template reads. */
  public List<String> variables() {
    return parts.stream().filter(p -> p.name != null && !p.attribute).map(Part::name).toList();
  }

  /**
   * Renders the template. A placeholder with no value and no fallback renders as nothing and adds a
   * warning naming it.
   */
  public String render(
      Map<String, String> vars,
      Map<String, String> attrs,
      List<String> warnings,
      String construct) {
    if (parts.size() == 1 && parts.get(0).literal != null) {
      return parts.get(0).literal;
    }
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part part : parts) {
      if (part.literal != null) {
        out.append(part.literal);
        continue;
      }
      String value = (part.attribute ? attrs : vars).get(part.name);
      if (value == null) {
        value = part.fallback == null ? "" : part.fallback;
        if (part.fallback == null) {
          warnings.add(
              "construct '"
                  + construct
                  + "': {{"
                  + (part.attribute ? "attr." : "var.")
                  + part.name
                  + "}} has no value");
        }
      }
      out.append(value);
    }
    return out.toString();
  }
}
