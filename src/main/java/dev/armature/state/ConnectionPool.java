package dev.armature.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A few reusable JDBC connections to one database; enough for a store, no more. */
final class ConnectionPool implements AutoCloseable {
  private final String url;
  private final BlockingQueue<Connection> idle;

  ConnectionPool(String url, int size) {
    this.url = url;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  Connection take() throws SQLException {
    Connection c = idle.poll();
    while (c != null && !c.isValid(2)) {
      c.close();
      c = idle.poll();
    }
    if (c == null) {
      c = DriverManager.getConnection(url);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
    return c;
  }

  void give(Connection c) throws SQLException {
    if (c.isClosed()) {
      return;
    }
    if (!idle.offer(c)) {
      c.close();
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Closing on shutdown: nothing left to save.
      }
    }
  }
}
