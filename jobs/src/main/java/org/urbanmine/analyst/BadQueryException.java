package org.urbanmine.analyst;

/** The SQL of {@code jobs/run query} is wrong: Spark's own message, for exit 2. */
public class BadQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
