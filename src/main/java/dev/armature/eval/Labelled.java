package dev.armature.eval;

import java.util.List;

/**
 * One labelled message.
 *
 * @param file the file it was read from
 * @param line the line of the file it was read from
 * @param text the message
 * @param labels its labels, at least one, in the order written
 */
record Labelled(String file, int line, String text, List<String> labels) {
  Labelled {
    labels = List.copyOf(labels);
  }
}
