package org.urbanmine.publish;

import java.util.Map;
import org.apache.spark.sql.Observation;

/**
 * The values an {@link Observation} collected, once the query that read its Dataset has run:
 * counts taken as rows go by, so that no second Spark job reads them again.
 */
public final class ObservedMetrics {
  private ObservedMetrics() {}

  /**
   * The observation's metrics by name; waits for them.
   *
   * @param what what they are, for the message should the wait be interrupted
   */
  public static Map<String, Object> of(Observation observation, String what) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  /** The long the observation collected as {@code name}, as {@link #of}. */
  public static long count(Observation observation, String name, String what) {
    return ((Number) of(observation, what).get(name)).longValue();
  }
}
