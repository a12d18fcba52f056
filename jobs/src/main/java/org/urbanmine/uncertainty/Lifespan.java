package org.urbanmine.uncertainty;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How long a product stays in use (and stored) before it is discarded, in years: the lifespan
 * distributions of the UNU e-waste statistics guidelines and of ODYM's dynamic stock models.
 * Each gives the share of a year's sales discarded {@code age} whole years later, which the
 * Waste over Time model takes as the density at the middle of that year of age,
 * f(age + 0.5); a fixed lifespan discards the whole cohort at that age.
 *
 * <p>As rows ({@link #SCHEMA}) the parameters travel with the data, so the density is a Spark
 * expression over columns ({@link #discardedShare}) and one plan serves every product type.
 */
public sealed interface Lifespan extends java.io.Serializable {
  String DISTRIBUTION = "distribution";
  String SHAPE = "shape";
  String SCALE_YEARS = "scale_years";
  String MEAN_YEARS = "mean_years";
  String SD_YEARS = "sd_years";

  /** The parameter columns: those a distribution does not use are null. */
  StructType SCHEMA = new StructType()
      .add(DISTRIBUTION, DataTypes.StringType)
      .add(SHAPE, DataTypes.DoubleType)
      .add(SCALE_YEARS, DataTypes.DoubleType)
      .add(MEAN_YEARS, DataTypes.DoubleType)
      .add(SD_YEARS, DataTypes.DoubleType);

  /** The parameters as a row of {@link #SCHEMA}. */
  Row parameters();

  /** Weibull with shape k and scale lambda (years): f(x) = (k/lambda) (x/lambda)^(k-1) exp(-(x/lambda)^k). */
  record Weibull(double shape, double scale) implements Lifespan {
    public Weibull {
      requirePositive("shape", shape);
      requirePositive("scale", scale);
    }

    @Override
    public Row parameters() {
      return RowFactory.create("weibull", shape, scale, null, null);
    }
  }

  /** Every product is discarded at exactly {@code years} of age. */
  record Fixed(int years) implements Lifespan {
    public Fixed {
      if (years < 0) {
        throw new IllegalArgumentException("years must be 0 or more, got " + years);
      }
    }

    @Override
    public Row parameters() {
      return RowFactory.create("fixed", null, null, (double) years, null);
    }
  }

  /** Normal with mean and standard deviation in years (ODYM's "Normal"). */
  record Normal(double mean, double sd) implements Lifespan {
    public Normal {
      requirePositive("mean", mean);
      requirePositive("sd", sd);
    }

    @Override
    public Row parameters() {
      return RowFactory.create("normal", null, null, mean, sd);
    }
  }

  /**
   * Log-normal given by the mean and standard deviation of the lifespan itself (not of its
   * logarithm), as ODYM's "LogNormal": sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2.
   */
  record LogNormal(double mean, double sd) implements Lifespan {
    public LogNormal {
      requirePositive("mean", mean);
      requirePositive("sd", sd);
    }

    @Override
    public Row parameters() {
      return RowFactory.create("lognormal", null, null, mean, sd);
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a number above 0, got " + value);
    }
  }

  /**
   * The share of a cohort discarded at whole years of {@code age}, from the parameter columns of
   * {@link #SCHEMA}: f(age + 0.5) for the continuous distributions, 1 at the given age for
   * {@code fixed}.
   */
  static Column discardedShare(Column age) {
    Column x = age.cast(DataTypes.DoubleType).plus(0.5);
    Column shape = col(SHAPE);
    Column scale = col(SCALE_YEARS);
    Column weibull = shape.divide(scale).multiply(pow(x.divide(scale), shape.minus(1)))
        .multiply(exp(pow(x.divide(scale), shape).multiply(-1)));
    Column mean = col(MEAN_YEARS);
    Column sd = col(SD_YEARS);
    double rootTwoPi = Math.sqrt(2 * Math.PI);
    Column normal = exp(pow(x.minus(mean), 2).divide(pow(sd, 2).multiply(-2))).divide(sd.multiply(rootTwoPi));
    Column sigma2 = log(lit(1.0).plus(pow(sd.divide(mean), 2)));
    Column mu = log(mean).minus(sigma2.divide(2));
    Column logNormal = exp(pow(log(x).minus(mu), 2).divide(sigma2.multiply(-2)))
        .divide(x.multiply(org.apache.spark.sql.functions.sqrt(sigma2)).multiply(rootTwoPi));
    return when(col(DISTRIBUTION).equalTo("weibull"), weibull)
        .when(col(DISTRIBUTION).equalTo("normal"), normal)
        .when(col(DISTRIBUTION).equalTo("lognormal"), logNormal)
        .when(col(DISTRIBUTION).equalTo("fixed"), when(age.equalTo(mean), lit(1.0)).otherwise(lit(0.0)));
  }
}
