package dev.armature.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code armature} command: {@code chat} and the commands to come. */
@Command(
    name = "armature",
    mixinStandardHelpOptions = true,
    version = "armature 0.1.0",
    description = "A conversation orchestrator whose behaviour comes from rules.",
    subcommands = {
      ChatCommand.class,
      CheckCommand.class,
      ServeCommand.class,
      ReplayCommand.class,
      EvalCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
