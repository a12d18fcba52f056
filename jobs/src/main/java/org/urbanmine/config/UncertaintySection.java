package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

/** {@code urbanmine.uncertainty}: the Monte Carlo over every distribution-valued assumption. */
final class UncertaintySection {
  private UncertaintySection() {}

  static Settings.Uncertainty read(ConfigReader r) {
    return new Settings.Uncertainty(
        r.intBetween(ROOT + ".uncertainty.draws", 1, 100_000),
        r.intBetween(ROOT + ".uncertainty.seed", 0, Integer.MAX_VALUE));
  }
}
