package dev.armature.assembly;

import dev.armature.Trace;
import java.util.List;
import java.util.Map;

/**
 * What the decisions of a turn come to.
 *
 * @param kept the constructs that apply, in request order: section order, then priority (higher
 *     first), then id
 * @param directives every applied construct, kept or dropped with the reason, in the same order
 * @param params model parameters as text: rule set defaults, then constructs, then {@code Param}
 * @param vars the variables as they will be once the turn completes
 * @param changes the variables this turn changes
 * @param route the route a rule chose, or {@code null}
 * @param respond the text a rule answers with, or {@code null} when the model is asked
 * @param warnings decisions that were overridden or had no effect
 */
public record Resolution(
    List<Construct> kept,
    List<Trace.Directive> directives,
    Map<String, String> params,
    Map<String, String> vars,
    List<Trace.VarChange> changes,
    String route,
    String respond,
    List<String> warnings) {}
