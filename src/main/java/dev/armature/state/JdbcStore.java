package dev.armature.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.armature.ConflictException;
import dev.armature.Conversation;
import dev.armature.ConversationStore;
import dev.armature.TurnReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Conversations in a SQL database: an embedded H2 file for one process, PostgreSQL when several
 * instances share conversations. The schema is created and migrated when the store opens.
 *
 * <p>A turn commits in one transaction: the conversation's new state, guarded by its version, and
 * the turn's row in the turn log, keyed by conversation and turn number. A second turn derived from
 * the same version cannot commit: it gets a {@link ConflictException}, and nothing is overwritten.
 *
 * <p>On an embedded H2 file, write transactions run one at a time. H2 writes each commit as a
 * snapshot of its maps (a table's rows, each of its indexes, the undo log) taken one map after
 * another; a snapshot taken while another transaction was committing held one table's change
 * without the other's, and a process killed before the next snapshot came back with a conversation
 * one turn ahead of its turn log, or without its row. With one writer at a time, every snapshot
 * holds whole transactions.
 */
public final class JdbcStore implements ConversationStore, AutoCloseable {
  /** Each migration, in order; the schema's version is how many have run. */
  private static final List<String> MIGRATIONS =
      List.of(
          "CREATE TABLE armature_conversation (id VARCHAR(128) PRIMARY KEY, version BIGINT NOT NULL, "
              + "turns INT NOT NULL, state TEXT NOT NULL, updated_at TIMESTAMP NOT NULL)",
          "CREATE TABLE armature_turn (conversation_id VARCHAR(128) NOT NULL, turn INT NOT NULL, "
              + "user_text TEXT NOT NULL, reply TEXT NOT NULL, created_at TIMESTAMP NOT NULL, "
              + "PRIMARY KEY (conversation_id, turn))",
          // Idempotent turns: the key and its receipt commit with the turn's row.
          "ALTER TABLE armature_turn ADD COLUMN idempotency_key VARCHAR(255)",
          "ALTER TABLE armature_turn ADD COLUMN fingerprint VARCHAR(64)",
          "ALTER TABLE armature_turn ADD COLUMN receipt TEXT",
          "CREATE UNIQUE INDEX armature_turn_key ON armature_turn (conversation_id, idempotency_key)",
          // Retention by age deletes the oldest turns of every conversation.
          "CREATE INDEX armature_turn_created ON armature_turn (created_at)");

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  /**
   * How much of the turn log is kept; conversations' states are always kept. The receipts of
   * idempotent turns go with their turns' rows.
   *
   * @param turns the most recent turns kept per conversation; 0 keeps all
   * @param age turns older than this are deleted; null keeps them whatever their age
   */
  public record Retention(int turns, Duration age) {
    /** Every turn, forever: the default. */
    public static final Retention ALL = new Retention(0, null);

    public Retention {
      if (turns < 0) {
        throw new IllegalArgumentException("retention turns must be >= 0 but was " + turns);
      }
      if (age != null && (age.isNegative() || age.isZero())) {
        throw new IllegalArgumentException("retention age must be positive but was " + age);
      }
    }
  }

  /** How often, at most, turns past the retention age are deleted. */
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final ConnectionPool pool;
  private final Retention retention;
  private final Clock clock;
  private final H2Compaction compaction;

  /**
   * Held through each write transaction on an H2 file (see the class comment); null elsewhere.
   * Fair, so that a turn does not wait behind a stream of others: the thread that had just
   * committed took an unfair lock again, and a few commits waited 150 ms and more with 24 writing
   * at once.
   */
  private final ReentrantLock h2Writes;

  private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

  private JdbcStore(String url, Retention retention, Clock clock) {
    this.pool = new ConnectionPool(url, 8);
    this.retention = Objects.requireNonNull(retention, "retention == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    boolean h2File = url.startsWith("jdbc:h2:file:");
    this.h2Writes = h2File ? new ReentrantLock(true) : null;
    this.compaction = h2File ? new H2Compaction(h2Writes) : null;
    for (int attempt = 1; ; attempt++) {
      try {
        migrate();
        return;
      } catch (IllegalStateException e) {
        // Two instances opening a new database at once race to create the tables; the loser
        // finds them made when it looks again.
        if (attempt == 3) {
          throw e;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Opens the store at a JDBC URL ({@code jdbc:h2:file:./armature-db}, {@code
   * jdbc:postgresql://host/db?user=..&password=..}), creating or migrating its schema.
   *
   * @throws IllegalStateException naming the URL (without its password) when the database cannot be
   *     reached or migrated, or naming the driver's artifact when an H2 or PostgreSQL URL's driver
   *     is not on the class path (the drivers are optional dependencies of Armature)
   */
  public static JdbcStore open(String url) {
    return open(url, Retention.ALL, Clock.systemUTC());
  }

  /** Opens the store at a JDBC URL, keeping the turn log as {@code retention} says. */
  public static JdbcStore open(String url, Retention retention, Clock clock) {
    Drivers.require(url);
    return new JdbcStore(url, retention, clock);
  }

  /** The store in an H2 database file at this path (H2 adds {@code .mv.db}). */
  public static JdbcStore h2File(java.nio.file.Path file) {
    return h2File(file, Retention.ALL, Clock.systemUTC());
  }

  /** The store in an H2 database file, keeping the turn log as {@code retention} says. */
  public static JdbcStore h2File(java.nio.file.Path file, Retention retention, Clock clock) {
    // WRITE_DELAY=0: a committed turn reaches the file before save() returns, so a killed process
    // loses at most the turn in flight. It also stops H2's background thread, which is what
    // compacts the file: H2Compaction does that instead. RETENTION_TIME=0 lets the space of a
    // rewritten chunk be used again at once rather than after 45 s, which at a hundred turns a
    // second kept some 200 MB of dead chunks; the old chunks guard only against a power cut
    // losing writes the disk had not made, and a turn's commit does not wait for the disk anyway.
    return open(
        "jdbc:h2:file:"
            + file.toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0",
        retention,
        clock);
  }

  private void migrate() {
    try {
      inWriteTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE IF NOT EXISTS armature_schema (version INT NOT NULL)");
              int version;
              try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM armature_schema")) {
                r.next();
                version = r.getInt(1);
              }
              for (int i = version; i < MIGRATIONS.size(); i++) {
                s.execute(MIGRATIONS.get(i));
                s.execute("INSERT INTO armature_schema (version) VALUES (" + (i + 1) + ")");
              }
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the conversation store: " + e.getMessage(), e);
    }
  }

  /** What a write transaction does on its connection. */
  private interface Writes {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code writes} in a transaction of its own and commits it, or rolls it back when they
   * throw; on an H2 file, holding {@link #h2Writes} throughout (see the class comment).
   */
  private void inWriteTransaction(Writes writes) throws SQLException {
    if (h2Writes != null) {
      h2Writes.lock();
    }
    try {
      Connection c = pool.take();
      try {
        writes.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        pool.give(c);
      }
    } finally {
      if (h2Writes != null) {
        h2Writes.unlock();
      }
    }
  }

  /** The stored state's JSON: variables and recent exchanges. */
  private record State(Map<String, String> vars, List<Conversation.Exchange> recent) {}

  @Override
  public Optional<Conversation> load(String id) {
    try {
      Connection c = pool.take();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT version, turns, state FROM armature_conversation WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet r = q.executeQuery()) {
          c.commit();
          if (!r.next()) {
            return Optional.empty();
          }
          State state = JSON.readValue(r.getString(3), State.class);
          return Optional.of(
              new Conversation(id, r.getLong(1), r.getInt(2), state.vars(), state.recent()));
        }
      } finally {
        pool.give(c);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot load conversation '" + id + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void save(Conversation next) {
    commit(next, null);
  }

  @Override
  public void save(Conversation next, TurnReceipt receipt) {
    commit(next, Objects.requireNonNull(receipt, "receipt == null"));
  }

  @Override
  public Optional<TurnReceipt> receipt(String conversationId, String key) {
    try {
      Connection c = pool.take();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT fingerprint, receipt FROM armature_turn WHERE conversation_id = ? AND idempotency_key = ?")) {
        q.setString(1, conversationId);
        q.setString(2, key);
        try (ResultSet r = q.executeQuery()) {
          c.commit();
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new TurnReceipt(key, r.getString(1), r.getString(2)));
        }
      } finally {
        pool.give(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the receipt of conversation '" + conversationId + "': " + e.getMessage(), e);
    }
  }

  private void commit(Conversation next, TurnReceipt receipt) {
    String state;
    try {
      state = JSON.writeValueAsString(new State(next.vars(), next.recent()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write conversation '" + next.id() + "'", e);
    }
    Timestamp now = Timestamp.from(clock.instant());
    try {
      inWriteTransaction(
          c -> {
            int changed;
            if (next.version() == 1) {
              changed = insertConversation(c, next, state, now);
            } else {
              try (PreparedStatement u =
                  c.prepareStatement(
                      "UPDATE armature_conversation SET version = ?, turns = ?, state = ?, updated_at = ? WHERE id = ? AND version = ?")) {
                u.setLong(1, next.version());
                u.setInt(2, next.turns());
                u.setString(3, state);
                u.setTimestamp(4, now);
                u.setString(5, next.id());
                u.setLong(6, next.version() - 1);
                changed = u.executeUpdate();
              }
            }
            if (changed != 1) {
              throw conflict(next);
            }
            insertTurn(c, next, now, receipt);
            keepRecent(c, next);
          });
    } catch (SQLException e) {
      if (isDuplicate(e)) {
        throw conflict(next);
      }
      throw new IllegalStateException(
          "cannot save conversation '" + next.id() + "': " + e.getMessage(), e);
    }
    purgeOld();
    if (compaction != null) {
      compaction.committed(pool);
    }
  }

  /** Deletes the turns of this conversation beyond the most recent {@code retention.turns()}. */
  private void keepRecent(Connection c, Conversation next) throws SQLException {
    if (retention.turns() == 0 || next.turns() <= retention.turns()) {
      return;
    }
    try (PreparedStatement d =
        c.prepareStatement("DELETE FROM armature_turn WHERE conversation_id = ? AND turn <= ?")) {
      d.setString(1, next.id());
      d.setInt(2, next.turns() - retention.turns());
      d.executeUpdate();
    }
  }

  /** Deletes turns older than the retention age, at most once a {@link #PURGE_EVERY}. */
  private void purgeOld() {
    if (retention.age() == null) {
      return;
    }
    long now = clock.millis();
    long due = nextPurge.get();
    if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
      return;
    }
    try {
      inWriteTransaction(
          c -> {
            try (PreparedStatement d =
                c.prepareStatement("DELETE FROM armature_turn WHERE created_at < ?")) {
              d.setTimestamp(1, Timestamp.from(clock.instant().minus(retention.age())));
              d.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot delete turns older than " + retention.age() + ": " + e.getMessage(), e);
    }
  }

  private static int insertConversation(
      Connection c, Conversation next, String state, Timestamp now) throws SQLException {
    try (PreparedStatement i =
        c.prepareStatement(
            "INSERT INTO armature_conversation (id, version, turns, state, updated_at) VALUES (?, ?, ?, ?, ?)")) {
      i.setString(1, next.id());
      i.setLong(2, next.version());
      i.setInt(3, next.turns());
      i.setString(4, state);
      i.setTimestamp(5, now);
      return i.executeUpdate();
    }
  }

  private static void insertTurn(
      Connection c, Conversation next, Timestamp now, TurnReceipt receipt) throws SQLException {
    Conversation.Exchange last = next.recent().get(next.recent().size() - 1);
    try (PreparedStatement i =
        c.prepareStatement(
            "INSERT INTO armature_turn (conversation_id, turn, user_text, reply, created_at, "
                + "idempotency_key, fingerprint, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      i.setString(1, next.id());
      i.setInt(2, last.turn());
      i.setString(3, last.user());
      i.setString(4, last.reply());
      i.setTimestamp(5, now);
      i.setString(6, receipt == null ? null : receipt.key());
      i.setString(7, receipt == null ? null : receipt.fingerprint());
      i.setString(8, receipt == null ? null : receipt.body());
      i.executeUpdate();
    }
  }

  /** The turn numbers in the turn log of a conversation, in order: for audits and tests. */
  public List<Integer> turnNumbers(String id) {
    try {
      Connection c = pool.take();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT turn FROM armature_turn WHERE conversation_id = ? ORDER BY turn")) {
        q.setString(1, id);
        List<Integer> turns = new java.util.ArrayList<>();
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            turns.add(r.getInt(1));
          }
        }
        c.commit();
        return turns;
      } finally {
        pool.give(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the turns of conversation '" + id + "': " + e.getMessage(), e);
    }
  }

  private static boolean isDuplicate(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("23505") || state.startsWith("23"));
  }

  private static ConflictException conflict(Conversation next) {
    return new ConflictException(
        "conversation '"
            + next.id()
            + "' changed while this turn ran: it is no longer at version "
            + (next.version() - 1));
  }

  @Override
  public void close() {
    if (compaction != null) {
      compaction.close();
    }
    pool.close();
  }
}
