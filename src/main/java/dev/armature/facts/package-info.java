/**
 * What rules see and what they say: the typed facts inserted into each turn's session, and the
 * decisions that rules insert back.
 *
 * <p>Rule files of a rule set can use every type here without an import. Facts describe the turn
 * ({@link dev.armature.facts.Turn}, {@link dev.armature.facts.Signal}, {@link
 * dev.armature.facts.Var}, {@link dev.armature.facts.Attribute}, {@link
 * dev.armature.facts.Applied}, {@link dev.armature.facts.Seen}, and in the review phase {@link
 * dev.armature.facts.Reply}); decisions are the sealed family {@link dev.armature.facts.Decision}.
 */
package dev.armature.facts;
