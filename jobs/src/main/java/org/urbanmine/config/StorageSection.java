package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

/** {@code urbanmine.warehouse}, {@code urbanmine.publish} and {@code urbanmine.s3}: where tables go and how. */
final class StorageSection {
  private StorageSection() {}

  static String warehouse(ConfigReader r) {
    return r.string(ROOT + ".warehouse");
  }

  static Settings.Publish publish(ConfigReader r) {
    return new Settings.Publish(
        r.intBetween(ROOT + ".publish.keep-versions", 1, 1000),
        r.intBetween(ROOT + ".publish.lock-wait-seconds", 0, 86_400));
  }

  /** Every key may be left out: the AWS defaults then apply. */
  static Settings.S3 s3(ConfigReader r) {
    return new Settings.S3(r.optionalString(ROOT + ".s3.endpoint", ""),
        r.optionalString(ROOT + ".s3.region", ""),
        r.optionalBoolean(ROOT + ".s3.path-style-access", false));
  }
}
