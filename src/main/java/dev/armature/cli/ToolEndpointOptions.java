package dev.armature.cli;

import dev.armature.server.ToolEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that serve a rule set's tools from HTTP endpoints, for {@code serve} and {@code
 * chat}.
 */
final class ToolEndpointOptions {
  @Option(
      names = "--tool-endpoint",
      paramLabel = "TOOL=URL",
      description =
          "An HTTP endpoint that implements a tool the rule set declares, such as"
              + " lookup_order=http://127.0.0.1:9000/orders/lookup: each call the rules let run"
              + " POSTs its arguments as JSON, and a 2xx JSON object is the result. Repeatable.")
  Map<String, String> endpoints = new LinkedHashMap<>();

  @Option(
      names = "--tool-endpoints",
      paramLabel = "FILE",
      description =
          "A YAML file of tool endpoints with headers, whose values (such as an Authorization)"
              + " come from environment variables or files (see docs/tools.md).")
  Path file;

  /**
   * The endpoints given, those of the file first.
   *
   * @throws IllegalArgumentException naming a bad URL, a bad file or a tool given twice
   */
  List<ToolEndpoint> endpoints(Map<String, String> env) {
    List<ToolEndpoint> all = new ArrayList<>();
    if (file != null) {
      all.addAll(ToolEndpointsFile.read(file, env));
    }
    endpoints.forEach((tool, url) -> all.add(ToolEndpoint.of(tool, url)));
    List<String> seen = new ArrayList<>();
    for (ToolEndpoint e : all) {
      if (seen.contains(e.tool())) {
        throw new IllegalArgumentException(
            "tool '"
                + e.tool()
                + "' has two endpoints; give it one, with --tool-endpoint or in "
                + "--tool-endpoints");
      }
      seen.add(e.tool());
    }
    return all;
  }
}
