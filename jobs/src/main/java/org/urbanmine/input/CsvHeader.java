package org.urbanmine.input;

import java.io.Serializable;
import org.urbanmine.reference.ReferenceText;

/** A CSV file's header: the first non-blank line, and where it is. */
public record CsvHeader(int lineNumber, String line) implements Serializable {
  /** The header's column names, as split at the file's {@code delimiter} (unquoted, untrimmed). */
  public String[] fields(char delimiter) {
    return ReferenceText.fields(line, delimiter);
  }
}
