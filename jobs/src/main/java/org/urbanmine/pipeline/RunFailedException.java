package org.urbanmine.pipeline;

/** The run cannot complete (bad data past a threshold, a missing input table); the CLI exits 1. */
public class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunFailedException(String message) {
    super(message);
  }
}
