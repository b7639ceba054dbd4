package dev.armature.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The builder's settings of the server's edge, until {@link EdgeConfig} is made from them. */
final class EdgeSettings {
  final List<String> origins = new ArrayList<>();
  final List<String> hosts = new ArrayList<>();
  Duration idleTimeout = Duration.ofSeconds(30);
  long minRate = 1024;
  boolean accessLog;

  EdgeConfig config(String host, int maxBodyBytes) {
    return new EdgeConfig(host, hosts, origins, maxBodyBytes, minRate, idleTimeout, accessLog);
  }

  static String nonBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the allowed " + what + " is empty");
    }
    return value.strip();
  }
}
