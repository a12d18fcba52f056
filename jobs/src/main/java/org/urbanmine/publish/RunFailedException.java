package org.urbanmine.publish;

import org.apache.spark.SparkThrowable;

/** The run cannot complete (bad data past a threshold, a missing input table); the CLI exits 1. */
public class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String RAISED_IN_TASK = "USER_RAISED_EXCEPTION";

  public RunFailedException(String message) {
    super(message);
  }

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A check of ours that failed inside a Spark task ({@code raise_error}) reaches the driver
   * wrapped in the job's failure, stack trace and all; this gives its own words back as a run
   * failure, as it does for a run failure a task threw. Any other exception comes back as it was
   * (checked ones wrapped).
   */
  public static RuntimeException fromTaskCheck(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RunFailedException failed && t != e) {
        return new RunFailedException(failed.getMessage(), e);
      }
      if (t instanceof SparkThrowable raised && RAISED_IN_TASK.equals(raised.getCondition())) {
        String words = raised.getMessageParameters().get("errorMessage");
        return new RunFailedException(words != null ? words : t.getMessage(), e);
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }
}
