package dev.armature.ruleset;

import dev.armature.facts.Applied;
import dev.armature.facts.Apply;
import dev.armature.facts.Attribute;
import dev.armature.facts.ClearVar;
import dev.armature.facts.Confirm;
import dev.armature.facts.Deny;
import dev.armature.facts.ModelFailed;
import dev.armature.facts.Offer;
import dev.armature.facts.Param;
import dev.armature.facts.Reject;
import dev.armature.facts.Reply;
import dev.armature.facts.Respond;
import dev.armature.facts.Route;
import dev.armature.facts.Seen;
import dev.armature.facts.SetVar;
import dev.armature.facts.Signal;
import dev.armature.facts.Suppress;
import dev.armature.facts.ToolCall;
import dev.armature.facts.ToolFailed;
import dev.armature.facts.ToolResult;
import dev.armature.facts.Turn;
import dev.armature.facts.Var;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fact and decision types rules may match, and the fields each has with the kind of value it
 * holds, read from the records themselves so the check cannot drift from what rules see.
 */
final class FactTypes {
  /** The kind of a field's value, as a rule author thinks of it. */
  enum Kind {
    TEXT("text"),
    NUMBER("a number"),
    LIST("a list of texts"),
    MAP("a map of JSON values"),
    TIME("a time");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** A fact type's fields (record components) and its methods without arguments. */
  record Type(String name, Map<String, Kind> fields, Map<String, Kind> methods) {}

  static final Map<String, Type> ALL = all();

  private FactTypes() {}

  private static Map<String, Type> all() {
    Map<String, Type> types = new LinkedHashMap<>();
    for (Class<?> c :
        List.of(
            Turn.class,
            Signal.class,
            Var.class,
            Attribute.class,
            Applied.class,
            Seen.class,
            Reply.class,
            ModelFailed.class,
            ToolCall.class,
            ToolResult.class,
            ToolFailed.class,
            Apply.class,
            Suppress.class,
            SetVar.class,
            ClearVar.class,
            Param.class,
            Route.class,
            Respond.class,
            Reject.class,
            Offer.class,
            Deny.class,
            Confirm.class)) {
      Map<String, Kind> fields = new LinkedHashMap<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        fields.put(rc.getName(), kind(rc.getType()));
      }
      Map<String, Kind> methods = new java.util.TreeMap<>();
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && !Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 0
            && !fields.containsKey(m.getName())
            && !Set.of("toString", "hashCode").contains(m.getName())) {
          methods.put(m.getName(), kind(m.getReturnType()));
        }
      }
      types.put(c.getSimpleName(), new Type(c.getSimpleName(), fields, methods));
    }
    return types;
  }

  private static Kind kind(Class<?> type) {
    if (type == String.class) {
      return Kind.TEXT;
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return Kind.NUMBER;
    }
    if (List.class.isAssignableFrom(type)) {
      return Kind.LIST;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    }
    return Kind.TIME;
  }

  /** How the type's fields and methods read in a message: {@code name, score, evidence}. */
  static String describe(Type type) {
    List<String> names = new java.util.ArrayList<>(type.fields().keySet());
    type.methods().keySet().forEach(m -> names.add(m + "()"));
    return String.join(", ", names);
  }
}
