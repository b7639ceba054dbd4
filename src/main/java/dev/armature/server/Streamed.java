package dev.armature.server;

import dev.armature.Cancellation;
import java.util.function.Consumer;

/**
 * A reply streamed to a client as the model writes it, in one of the APIs' event formats; its
 * {@link #cancellation()} cancels the turn when the client goes away.
 */
interface Streamed extends Consumer<String> {
  Cancellation cancellation();
}
