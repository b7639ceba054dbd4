package dev.armature.ruleset;

import dev.armature.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the compiler from repeating, in its own terms, a problem the vocabulary check already named
 * in the author's: a compiler problem inside a rule that the check found at fault, or with no
 * position in a file the check found at fault, is dropped.
 */
final class Overlap {
  private Overlap() {}

  static List<Problem> withoutRepeats(
      List<Problem> compiler, List<Problem> vocabulary, List<DrlSource> sources) {
    List<Problem> kept = new ArrayList<>();
    for (Problem p : compiler) {
      if (!repeats(p, vocabulary, sources)) {
        kept.add(p);
      }
    }
    return kept;
  }

  private static boolean repeats(Problem p, List<Problem> vocabulary, List<DrlSource> sources) {
    List<Problem> sameFile = vocabulary.stream().filter(v -> v.file().equals(p.file())).toList();
    if (sameFile.isEmpty()) {
      return false;
    }
    if (p.line() <= 0) {
      return true;
    }
    for (DrlSource source : sources) {
      if (!source.file.equals(p.file())) {
        continue;
      }
      for (DrlScan.Rule rule : DrlScan.rules(source.code())) {
        int first = source.lineOf(rule.start());
        int last = source.lineOf(rule.end());
        if (p.line() >= first
            && p.line() <= last
            && sameFile.stream().anyMatch(v -> v.line() >= first && v.line() <= last)) {
          return true;
        }
      }
    }
    return false;
  }
}
