package dev.armature.facts;

/**
 * What a rule says about this turn. Rules insert decisions ({@code insert(new Apply("concise"))});
 * Armature collects them after the rules fire, with the rule that inserted each.
 */
public sealed interface Decision
    permits Apply,
        Suppress,
        SetVar,
        ClearVar,
        Param,
        Route,
        Respond,
        Reject,
        Offer,
        Deny,
        Confirm {}
