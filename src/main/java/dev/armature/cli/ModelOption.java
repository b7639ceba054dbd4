package dev.armature.cli;

import dev.armature.Model;
import dev.armature.model.Models;
import picocli.CommandLine.Option;

/** The {@code --model} option of the commands that send turns to a model. */
final class ModelOption {
  @Option(
      names = "--model",
      paramLabel = "SPEC",
      defaultValue = "dry-run",
      description = "dry-run (offline, default), openai:<model> or ollama:<model>.")
  String spec;

  /** The model the option names, configured from the environment (keys, base URLs). */
  Model model() {
    return Models.fromSpec(spec, System.getenv());
  }
}
