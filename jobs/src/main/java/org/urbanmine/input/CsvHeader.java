package org.urbanmine.input;

import java.io.Serializable;

/** A CSV file's header: the first non-blank line, and where it is. */
public record CsvHeader(int lineNumber, String line) implements Serializable {}
