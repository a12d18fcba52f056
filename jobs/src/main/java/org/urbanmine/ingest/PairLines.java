package org.urbanmine.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The small text files the ingest writes last to mark its output whole, each a map as lines of
 * {@code key value}, in order: the ingest cache's {@code _COMPLETE} (line offsets by split start)
 * and the pieces' {@code _MANIFEST} (the run holding each file's pieces). A line not of two words
 * is skipped.
 */
final class PairLines {
  private PairLines() {}

  /** Writes {@code pairs} to {@code file}, replacing it. */
  static void write(FileSystem fs, Path file, Map<?, ?> pairs) throws IOException {
    StringBuilder text = new StringBuilder();
    pairs.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The pairs {@link #write} wrote to {@code file}, in its order. */
  static Map<String, String> read(FileSystem fs, Path file) throws IOException {
    Map<String, String> pairs = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 2) {
          pairs.put(parts[0], parts[1]);
        }
      }
    }
    return pairs;
  }
}
