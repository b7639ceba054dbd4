package dev.armature.server;

import dev.armature.Trace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traces of the last turns of the most recently active conversations, kept in memory for the
 * native API and the web page. Bounded: old conversations and old turns fall out.
 */
final class TraceLog {
  static final int CONVERSATIONS = 256;
  static final int TURNS = 10;

  private final Map<String, Deque<Trace>> traces =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Trace>> eldest) {
          return size() > CONVERSATIONS;
        }
      };

  synchronized void add(Trace trace) {
    Deque<Trace> recent = traces.computeIfAbsent(trace.conversation(), id -> new ArrayDeque<>());
    recent.addLast(trace);
    while (recent.size() > TURNS) {
      recent.removeFirst();
    }
  }

  /** The kept traces of a conversation, oldest first. */
  synchronized List<Trace> recent(String conversation) {
    Deque<Trace> recent = traces.get(conversation);
    return recent == null ? List.of() : List.copyOf(recent);
  }
}
