package dev.armature.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} and {@code Origin} a request may carry: the guard against other web sites
 * driving the API from a user's browser (cross-site requests) and against a hostile name resolved
 * to this machine (DNS rebinding).
 *
 * <p>A host is served when it is a loopback name ({@code localhost}), an IP address (a browser
 * sends an address only when the user typed it, and an address cannot be rebound), the address the
 * server listens on, or one the operator allows ({@code *} allows any). An origin is accepted when
 * it is the server's own (its scheme and the request's {@code Host}) or one the operator allows.
 * Requests without {@code Origin} are not from another site's script: browsers send it on every
 * cross-origin request and on every POST.
 */
final class CrossSite {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9A-Za-z]+)?]");

  private final Set<String> hosts = new LinkedHashSet<>();
  private final Set<String> origins = new LinkedHashSet<>();
  private final boolean anyHost;
  private final boolean anyOrigin;

  CrossSite(String boundHost, List<String> allowedHosts, List<String> allowedOrigins) {
    hosts.add("localhost");
    hosts.add(hostName(boundHost));
    for (String host : allowedHosts) {
      hosts.add(hostName(host));
    }
    for (String origin : allowedOrigins) {
      origins.add(origin(origin));
    }
    anyHost = hosts.contains("*");
    anyOrigin = origins.contains("*");
  }

  /** An origin as a browser sends it: lower case, no trailing slash. */
  static String origin(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  /** The name in a {@code Host} value, without its port, in lower case, without a final dot. */
  static String hostName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    if (h.indexOf(':') != h.lastIndexOf(':')) {
      return "[" + h + "]"; // a bare IPv6 address, as the operator may write it
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** Whether a request with this {@code Host} header (null when absent) is for this server. */
  boolean hostAllowed(String hostHeader) {
    if (hostHeader == null || anyHost) {
      return true;
    }
    String name = hostName(hostHeader);
    return hosts.contains(name)
        || IPV4.matcher(name).matches()
        || IPV6.matcher(name).matches()
        || name.endsWith(".localhost");
  }

  /** Whether a request with this {@code Origin} (null when absent) may be served. */
  boolean originAllowed(String originHeader, String hostHeader) {
    return originHeader == null || sameOrigin(originHeader, hostHeader) || allowed(originHeader);
  }

  /** Whether the origin is another site the operator allows: its responses carry CORS headers. */
  boolean allowed(String originHeader) {
    return anyOrigin || origins.contains(origin(originHeader));
  }

  private static boolean sameOrigin(String originHeader, String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String origin = origin(originHeader);
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    return origin.equals("http://" + host) || origin.equals("https://" + host);
  }
}
