package org.urbanmine.publish;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.urbanmine.config.Settings;

/**
 * Hands the S3 settings, and every {@code spark.hadoop.*} setting of {@code urbanmine.spark.conf},
 * to the session's Hadoop configuration, so that s3a:// paths work whether this process built
 * the session or was given one (spark-submit, tests). Credentials are not touched here.
 */
public final class S3Access {
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private S3Access() {}

  public static void apply(SparkSession spark, Settings settings) {
    apply(spark.sparkContext().hadoopConfiguration(), settings);
  }

  /** As above, to a Hadoop configuration built before Spark starts. */
  public static void apply(Configuration hadoop, Settings settings) {
    Settings.S3 s3 = settings.s3();
    if (!s3.endpoint().isEmpty()) {
      hadoop.set("fs.s3a.endpoint", s3.endpoint());
    }
    if (!s3.region().isEmpty()) {
      hadoop.set("fs.s3a.endpoint.region", s3.region());
    }
    hadoop.setBoolean("fs.s3a.path.style.access", s3.pathStyleAccess());
    for (Map.Entry<String, String> e : settings.sparkConf().entrySet()) {
      if (e.getKey().startsWith(HADOOP_PREFIX)) {
        hadoop.set(e.getKey().substring(HADOOP_PREFIX.length()), e.getValue());
      }
    }
  }
}
