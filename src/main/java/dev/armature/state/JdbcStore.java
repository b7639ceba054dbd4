package dev.armature.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.armature.ConflictException;
import dev.armature.Conversation;
import dev.armature.ConversationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations in a SQL database: an embedded H2 file for one process, PostgreSQL when several
 * instances share conversations. The schema is created and migrated when the store opens.
 *
 * <p>A turn commits in one transaction: the conversation's new state, guarded by its version, and
 * the turn's row in the turn log, keyed by conversation and turn number. A second turn derived from
 * the same version cannot commit: it gets a {@link ConflictException}, and nothing is overwritten.
 */
public final class JdbcStore implements ConversationStore, AutoCloseable {
  /** Each migration, in order; the schema's version is how many have run. */
  private static final List<String> MIGRATIONS =
      List.of(
          "CREATE TABLE armature_conversation (id VARCHAR(128) PRIMARY KEY, version BIGINT NOT NULL, "
              + "turns INT NOT NULL, state TEXT NOT NULL, updated_at TIMESTAMP NOT NULL)",
          "CREATE TABLE armature_turn (conversation_id VARCHAR(128) NOT NULL, turn INT NOT NULL, "
              + "user_text TEXT NOT NULL, reply TEXT NOT NULL, created_at TIMESTAMP NOT NULL, "
              + "PRIMARY KEY (conversation_id, turn))");

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final ConnectionPool pool;

  private JdbcStore(String url) {
    this.pool = new ConnectionPool(url, 8);
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
    Drivers.require(url);
    return new JdbcStore(url);
  }

  /** The store in an H2 database file at this path (H2 adds {@code .mv.db}). */
  public static JdbcStore h2File(java.nio.file.Path file) {
    // WRITE_DELAY=0: a committed turn reaches the file before save() returns, so a killed process
    // loses at most the turn in flight.
    return open("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
  }

  private void migrate() {
    try {
      Connection c = pool.take();
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
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        pool.give(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the conversation store: " + e.getMessage(), e);
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
    String state;
    try {
      state = JSON.writeValueAsString(new State(next.vars(), next.recent()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write conversation '" + next.id() + "'", e);
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    try {
      Connection c = pool.take();
      try {
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
          c.rollback();
          throw conflict(next);
        }
        insertTurn(c, next, now);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (isDuplicate(e)) {
          throw conflict(next);
        }
        throw e;
      } finally {
        pool.give(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot save conversation '" + next.id() + "': " + e.getMessage(), e);
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

  private static void insertTurn(Connection c, Conversation next, Timestamp now)
      throws SQLException {
    Conversation.Exchange last = next.recent().get(next.recent().size() - 1);
    try (PreparedStatement i =
        c.prepareStatement(
            "INSERT INTO armature_turn (conversation_id, turn, user_text, reply, created_at) VALUES (?, ?, ?, ?, ?)")) {
      i.setString(1, next.id());
      i.setInt(2, last.turn());
      i.setString(3, last.user());
      i.setString(4, last.reply());
      i.setTimestamp(5, now);
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
    pool.close();
  }
}
