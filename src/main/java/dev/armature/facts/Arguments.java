package dev.armature.facts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed reads of a JSON object's fields, shared by {@link ToolCall} and {@link ToolResult}. */
final class Arguments {
  private Arguments() {}

  static Map<String, Object> copy(Map<String, Object> values, String what) {
    if (values == null) {
      throw new NullPointerException(what + " == null");
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The field as text: a string as it is, a number or boolean written out, else "". */
  static String text(Map<String, Object> values, String name) {
    Object v = values.get(name);
    if (v == null || v instanceof Map || v instanceof java.util.List) {
      return "";
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  /** The field as a number: a number as it is, a string that reads as one, else 0. */
  static double number(Map<String, Object> values, String name) {
    Object v = values.get(name);
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
