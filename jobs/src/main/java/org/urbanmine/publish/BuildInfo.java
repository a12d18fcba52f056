package org.urbanmine.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and commit this code was built from, e.g. {@code 0.1.0-SNAPSHOT+1a2b3c4}. */
public final class BuildInfo {
  private static final String CODE_VERSION = load();

  private BuildInfo() {}

  public static String codeVersion() {
    return CODE_VERSION;
  }

  private static String load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("urbanmine/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String version = p.getProperty("version", "unknown");
    String commit = p.getProperty("commit", "");
    if (commit.isEmpty() || commit.startsWith("${")) {
      return version;
    }
    return version + "+" + commit + ("true".equals(p.getProperty("dirty")) ? "-dirty" : "");
  }
}
