package dev.armature;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per conversation that has a turn running or waiting, removed when its last holder
 * leaves: turns of one conversation run one after the other, and a turn never waits for another
 * conversation's (a fixed set of striped locks made two conversations that shared a stripe wait for
 * each other's model calls).
 */
final class ConversationLocks {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** Waits for the conversation's lock; the caller must {@link #release} it. */
  void acquire(String conversationId) {
    Entry entry =
        entries.compute(
            conversationId,
            (id, e) -> {
              Entry held = e == null ? new Entry() : e;
              held.users++;
              return held;
            });
    try {
      entry.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      leave(conversationId);
      Thread.currentThread().interrupt();
      throw new TurnCancelledException(
          "the turn of conversation '" + conversationId + "' was cancelled while it waited");
    }
  }

  void release(String conversationId) {
    entries.get(conversationId).lock.unlock();
    leave(conversationId);
  }

  private void leave(String conversationId) {
    entries.computeIfPresent(conversationId, (id, e) -> --e.users == 0 ? null : e);
  }

  /** How many conversations have a lock now: those with a turn running or waiting. */
  int size() {
    return entries.size();
  }
}
