package org.urbanmine.cli;

import org.urbanmine.config.ConfigurationException;

/** The command line itself is wrong; exit 2 with the usage. */
public class UsageException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
