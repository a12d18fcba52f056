package org.urbanmine.config;

import static org.urbanmine.config.SettingsLoader.ROOT;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code urbanmine.spark}: settings passed to Spark as they are, and the input size under which a
 * run takes the small-input path.
 */
record SparkSection(Map<String, String> conf, int smallInputMb) {
  private static final String CONF = ROOT + ".spark.conf";
  private static final String ASSUMED_ROLE_PROVIDER = "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider";
  /** spark.conf keys whose values are not kept in the recorded configuration (Spark's own rule). */
  private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");

  static SparkSection read(ConfigReader r) {
    Map<String, String> conf = r.stringMap(CONF);
    int smallInputMb = r.intBetween(ROOT + ".spark.small-input-mb", 0, 1_000_000);
    for (String key : conf.keySet()) {
      if (!key.startsWith("spark.")) {
        throw ConfigReader.invalid(CONF, "a map of spark.* settings", "key \"" + key + "\"");
      }
      // S3A's provider keys (also per bucket) take class lists; this class needs the SDK bundle.
      if (key.startsWith("spark.hadoop.fs.s3a.") && key.endsWith("credentials.provider")
          && conf.get(key).contains(ASSUMED_ROLE_PROVIDER)) {
        throw ConfigReader.invalid(CONF + ".\"" + key + "\"",
            "a credentials provider that works without the AWS SDK bundle (" + ASSUMED_ROLE_PROVIDER
                + " loads the bundle's shaded HTTP client, which urbanmine does not ship; assume a"
                + " role through an AWS profile with role_arn, or web identity, and"
                + " software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider)",
            "\"" + conf.get(key) + "\"");
      }
    }
    return new SparkSection(conf, smallInputMb);
  }

  /**
   * {@code recorded} (the {@code urbanmine} object) with secret-looking Spark values replaced: a
   * key set where it should not be still never reaches the recorded configuration.
   */
  Config redact(Config recorded) {
    Config out = recorded;
    for (String key : conf.keySet()) {
      if (SECRET_KEY.matcher(key).find()) {
        out = out.withValue("spark.conf." + ConfigUtil.quoteString(key),
            ConfigValueFactory.fromAnyRef(SettingsLoader.REDACTED));
      }
    }
    return out;
  }
}
