package org.urbanmine.ewaste;

import org.urbanmine.config.Settings;
import org.urbanmine.reference.ReferenceText;

/**
 * Where the published Waste over Time model's own data for a method version lie in the jar:
 * {@code reference/waste-over-time/<version>/}, copied unchanged from Statistics-Netherlands/ewaste
 * at commit cc45775 (1.1) or ec30251 (1.2), with the MIT licence beside them.
 */
final class MethodVersion {
  private MethodVersion() {}

  /** {@code classpath:} location of the model's {@code file} at {@code version}. */
  static String resource(String version, String file) {
    if (!Settings.Ewaste.METHOD_1_1.equals(version) && !Settings.Ewaste.METHOD_1_2.equals(version)) {
      throw new IllegalArgumentException("method version must be 1.1 or 1.2, got " + version);
    }
    return ReferenceText.CLASSPATH_PREFIX + "reference/waste-over-time/" + version + "/" + file;
  }

  static boolean isVersion11(String version) {
    return Settings.Ewaste.METHOD_1_1.equals(version);
  }
}
