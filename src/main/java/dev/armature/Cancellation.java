package dev.armature;

/**
 * Stops one turn from another thread: a server cancels the turn of a client that went away. A turn
 * cancelled before it commits aborts its model call or tool call (its thread is interrupted while
 * it waits for the model or a tool, and only then), commits nothing and throws {@link
 * TurnCancelledException}; a cancellation that comes after the commit has no effect. Thread-safe;
 * one per turn.
 */
public final class Cancellation {
  private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

  private Thread thread;
  private boolean cancelled;
  private boolean waitingForModel;
  private boolean interrupted;
  private boolean committing;

  /** Cancels the turn, unless it has already committed. */
  public synchronized void cancel() {
    if (cancelled || committing) {
      return;
    }
    cancelled = true;
    if (waitingForModel && thread != null) {
      interrupted = true;
      thread.interrupt();
    }
  }

  /** Whether {@link #cancel()} was called before the turn committed. */
  public synchronized boolean cancelled() {
    return cancelled;
  }

  /** The cancellation of the turn running on this thread, or null. */
  static Cancellation current() {
    return CURRENT.get();
  }

  /** The turn starts on the calling thread. */
  synchronized void enter() {
    thread = Thread.currentThread();
    CURRENT.set(this);
  }

  /** The turn has ended: an interrupt this cancellation caused is cleared from the thread. */
  synchronized void exit() {
    CURRENT.remove();
    if (interrupted) {
      Thread.interrupted();
      interrupted = false;
    }
    thread = null;
  }

  /**
   * The turn's thread waits for the model from now on, and may be interrupted.
   *
   * @throws TurnCancelledException when the turn was already cancelled
   */
  synchronized void modelCallStarts() {
    check(null);
    waitingForModel = true;
  }

  synchronized void modelCallEnds() {
    waitingForModel = false;
  }

  /**
   * The turn is about to commit: from now on a cancellation has no effect.
   *
   * @throws TurnCancelledException when the turn was cancelled
   */
  synchronized void commitStarts(String conversationId) {
    check(conversationId);
    committing = true;
  }

  /** Throws when the turn was cancelled. */
  synchronized void check(String conversationId) {
    if (cancelled) {
      throw cancelledException(conversationId);
    }
  }

  static TurnCancelledException cancelledException(String conversationId) {
    return new TurnCancelledException(
        "the turn"
            + (conversationId == null ? "" : " of conversation '" + conversationId + "'")
            + " was cancelled before it committed; the conversation is unchanged");
  }
}
