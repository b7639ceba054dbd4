package dev.armature.cli;

import dev.armature.ArmatureException;
import dev.armature.InvalidInputException;
import dev.armature.Model;
import dev.armature.Orchestrator;
import dev.armature.RuleSetException;
import dev.armature.TurnResult;
import dev.armature.replay.Recorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code armature chat}: a conversation in the terminal, with the trace of every turn. */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description =
        "Talk to a rule set in the terminal and see, for each turn, the signals, the rules "
            + "that fired, the directives and the reply. Type /trace for the last turn's full trace, /quit to leave.")
final class ChatCommand implements Callable<Integer> {
  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description = "The rule set folder (default: rules/support).")
  Path rules;

  @Mixin ModelOption model;

  @Mixin ToolEndpointOptions toolEndpoints;

  @Option(
      names = "--attr",
      paramLabel = "NAME=VALUE",
      description = "A caller attribute, such as tier=gold.")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      defaultValue = "terminal",
      description = "The conversation id.")
  String conversation;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description = "Write the conversation to FILE after every turn, for armature replay.")
  Path record;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    Orchestrator orchestrator;
    Recorder recorder = null;
    try {
      Model chosen = model.model();
      if (record != null) {
        recorder =
            Recorder.start(
                record.getFileName().toString().replaceFirst("\\.ya?ml$", ""), attributes);
        chosen = recorder.model(chosen);
      }
      Orchestrator.Builder builder =
          Orchestrator.builder().rules(rules == null ? defaultRules() : rules).model(chosen);
      // The tools of rules/support, served by an offline example shop with a few orders, unless
      // an endpoint serves them.
      Map<String, dev.armature.Tool> tools =
          new LinkedHashMap<>(new dev.armature.example.ExampleShop().tools());
      List<dev.armature.server.ToolEndpoint> endpoints = toolEndpoints.endpoints(System.getenv());
      endpoints.forEach(e -> tools.put(e.tool(), e.asTool()));
      tools.forEach(builder::tool);
      orchestrator = builder.build();
      for (dev.armature.server.ToolEndpoint e : endpoints) {
        if (!orchestrator.ruleSet().tools().containsKey(e.tool())) {
          orchestrator.close();
          throw new IllegalArgumentException(
              "tool '"
                  + e.tool()
                  + "' has an endpoint but the rule set does not declare it; tools declared: "
                  + (orchestrator.ruleSet().tools().isEmpty()
                      ? "none"
                      : String.join(", ", orchestrator.ruleSet().tools().keySet())));
        }
        out.println("Tool " + e + ".");
      }
    } catch (RuleSetException e) {
      err.println("The rule set has errors:");
      err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    TracePrinter printer = new TracePrinter(out);
    out.println(
        "Armature chat: rule set '"
            + orchestrator.ruleSet().name()
            + "' version "
            + orchestrator.ruleSet().version()
            + ", model "
            + model.spec
            + ". /trace shows the last trace, /quit leaves.");
    if (!orchestrator.ruleSet().tools().isEmpty()) {
      out.println(
          "Tools: "
              + String.join(", ", orchestrator.ruleSet().tools().keySet())
              + ", served by the offline example shop (orders 1182, 2001, 3003, 4004, 5005,"
              + " 6006).");
    }
    if (record != null) {
      out.println("Recording to " + record + " after every turn.");
    }
    TurnResult last = null;
    int warned = 0;
    // Closing the orchestrator stops its rule folder watcher. A thread left blocked in native
    // code makes the JVM wait about 300 ms at exit, on every chat that ends.
    try (orchestrator;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (true) {
        out.print("you> ");
        out.flush();
        String line = in.readLine();
        if (line == null || line.strip().equals("/quit")) {
          out.println();
          return 0;
        }
        if (line.strip().equals("/trace")) {
          out.println(last == null ? "no turn yet" : last.trace().toJson());
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        try {
          last =
              recorder == null
                  ? orchestrator.turn(conversation, line, attributes)
                  : recorder.turn(orchestrator, conversation, line);
          printer.print(last.trace());
          if (recorder != null) {
            recorder.write(record);
            int shown = recorder.warnings().size();
            if (shown > warned) {
              recorder.warnings().subList(warned, shown).forEach(w -> err.println("record: " + w));
              warned = shown;
            }
          }
        } catch (InvalidInputException e) {
          err.println("refused: " + e.getMessage());
        } catch (ArmatureException e) {
          err.println("turn failed, nothing was changed: " + e.getMessage());
        }
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path defaultRules() {
    Path support = Path.of("rules", "support");
    if (Files.isDirectory(support)) {
      return support;
    }
    throw new IllegalArgumentException("no rule set at rules/support; give one with --rules DIR");
  }
}
