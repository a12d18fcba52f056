package org.urbanmine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.urbanmine.uncertainty.Distribution.Fixed;
import org.urbanmine.uncertainty.Distribution.LogNormal;
import org.urbanmine.uncertainty.Distribution.Triangular;
import org.urbanmine.uncertainty.Distribution.TruncatedNormal;
import org.urbanmine.uncertainty.Distribution.Uniform;
import org.urbanmine.uncertainty.Distribution;

class DistributionsTest {
  private static final String KEY = "urbanmine.drivers.collection-rate";
  private static final double INF = Double.POSITIVE_INFINITY;

  private static ConfigReader reader(String hocon) {
    return new ConfigReader(ConfigFactory.parseString(hocon).resolve());
  }

  /** The assumption at KEY = {@code value}, a rate in [0, 1]. */
  private static Distribution rate(String value) {
    return Distributions.read(reader(KEY + " = " + value), KEY, 0, 1);
  }

  private static Distribution grams(String value) {
    return Distributions.read(reader(KEY + " = " + value), KEY, 0, 1e6);
  }

  @Test
  void aNumberIsFixed() {
    assertThat(rate("0.4")).isEqualTo(new Fixed(0.4));
    // --set passes numbers as strings; they convert as any number setting does.
    assertThat(rate("\"0.4\"")).isEqualTo(new Fixed(0.4));
  }

  @Test
  void eachKindParses() {
    assertThat(rate("{ distribution = uniform, min = 0.3, max = 0.5 }")).isEqualTo(new Uniform(0.3, 0.5));
    assertThat(grams("{ distribution = triangular, min = 200, mode = 340, max = 500 }"))
        .isEqualTo(new Triangular(200, 340, 500));
    assertThat(rate("{ distribution = normal, mean = 0.95, sd = 0.02, min = 0.9, max = 0.99 }"))
        .isEqualTo(new TruncatedNormal(0.95, 0.02, 0.9, 0.99));
    assertThat(grams("{ distribution = log-normal, median = 340, sigma = 0.3, min = 100, max = 900 }"))
        .isEqualTo(new LogNormal(340, 0.3, 100, 900));
  }

  @Test
  void normalAndLogNormalAreTruncatedToTheKeysRangeByDefault() {
    assertThat(rate("{ distribution = normal, mean = 0.95, sd = 0.02 }"))
        .isEqualTo(new TruncatedNormal(0.95, 0.02, 0, 1));
    // Only one bound given: the other is the key's.
    assertThat(rate("{ distribution = normal, mean = 0.5, sd = 0.1, min = 0.2 }"))
        .isEqualTo(new TruncatedNormal(0.5, 0.1, 0.2, 1));
    assertThat(grams("{ distribution = log-normal, median = 340, sigma = 0.3 }"))
        .isEqualTo(new LogNormal(340, 0.3, 0, 1e6));
    // A log-normal's lower bound is max(0, the key's min).
    Distribution d = Distributions.read(reader(KEY + " { distribution = log-normal, median = 2, sigma = 1 }"),
        KEY, -10, INF);
    assertThat(d).isEqualTo(new LogNormal(2, 1, 0, INF));
    // An unbounded key leaves a normal untruncated.
    assertThat(Distributions.read(reader(KEY + " { distribution = normal, mean = -3, sd = 2 }"), KEY, -INF, INF))
        .isEqualTo(new TruncatedNormal(-3, 2, -INF, INF));
  }

  @Test
  void minAboveMaxNamesTheKey() {
    assertThatThrownBy(() -> rate("{ distribution = uniform, min = 0.6, max = 0.4 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + " must be a distribution with min <= max, got min 0.6, max 0.4");
    assertThatThrownBy(() -> rate("{ distribution = normal, mean = 0.5, sd = 0.1, min = 0.6, max = 0.4 }"))
        .hasMessage(KEY + " must be a distribution with min <= max, got min 0.6, max 0.4");
    assertThatThrownBy(() -> grams("{ distribution = triangular, min = 500, mode = 400, max = 300 }"))
        .hasMessage(KEY + " must be a distribution with min <= max, got min 500, max 300");
  }

  @Test
  void modeOutsideMinMaxNamesTheKey() {
    assertThatThrownBy(() -> grams("{ distribution = triangular, min = 200, mode = 600, max = 500 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + " must be a distribution with min <= mode <= max, got min 200, mode 600, max 500");
  }

  @Test
  void valuesOutsideTheKeysRangeNameTheParameter() {
    assertThatThrownBy(() -> rate("{ distribution = uniform, min = 0.3, max = 1.2 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + ".max must be between 0 and 1, got 1.2");
    assertThatThrownBy(() -> rate("1.2")).hasMessage(KEY + " must be between 0 and 1, got 1.2");
    assertThatThrownBy(() -> rate("{ distribution = normal, mean = 1.5, sd = 0.1 }"))
        .hasMessage(KEY + ".mean must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> grams("{ distribution = log-normal, median = 0, sigma = 0.3 }"))
        .hasMessage(KEY + ".median must be above 0 for a log-normal, got 0");
  }

  @Test
  void unknownDistributionNamesTheKey() {
    assertThatThrownBy(() -> rate("{ distribution = beta, min = 0.3, max = 0.5 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + ".distribution must be one of [log-normal, normal, triangular, uniform], got \"beta\"");
    assertThatThrownBy(() -> rate("{ min = 0.3, max = 0.5 }"))
        .hasMessage(KEY + ".distribution is required but not set");
  }

  @Test
  void spreadMustBeAboveZero() {
    assertThatThrownBy(() -> rate("{ distribution = normal, mean = 0.5, sd = 0 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + ".sd must be a number above 0, got 0");
    assertThatThrownBy(() -> rate("{ distribution = normal, mean = 0.5, sd = -0.1 }"))
        .hasMessage(KEY + ".sd must be a number above 0, got -0.1");
    assertThatThrownBy(() -> grams("{ distribution = log-normal, median = 340, sigma = 0 }"))
        .hasMessage(KEY + ".sigma must be a number above 0, got 0");
  }

  @Test
  void aRangeWithNoProbabilityIsRefused() {
    // mean 0, sd 1e-3 on [0.9, 1]: 900 standard deviations out, nothing a double can hold.
    assertThatThrownBy(() -> rate("{ distribution = normal, mean = 0, sd = 0.001, min = 0.9 }"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(KEY + " must be a distribution with some probability between min and max,"
            + " got mean 0, sd 0.001, min 0.9, max 1");
  }

  @Test
  void unknownKeysInsideTheObjectAreLeftUnread() {
    ConfigReader r = reader(KEY + " { distribution = uniform, min = 0.3, max = 0.5, mode = 0.4 }\n"
        + "urbanmine.drivers.other = 1");
    assertThat(Distributions.read(r, KEY, 0, 1)).isEqualTo(new Uniform(0.3, 0.5));
    // mode is no parameter of a uniform; "other" was never read at all.
    assertThat(r.unknownKeys("urbanmine")).containsExactly(KEY + ".mode", "urbanmine.drivers.other");
  }

  @Test
  void allParametersOfAKindCountAsRead() {
    ConfigReader r = reader(KEY + " { distribution = normal, mean = 0.95, sd = 0.02, min = 0.9, max = 0.99 }");
    Distributions.read(r, KEY, 0, 1);
    assertThat(r.unknownKeys("urbanmine")).isEmpty();
    ConfigReader fixed = reader(KEY + " = 0.4");
    Distributions.read(fixed, KEY, 0, 1);
    assertThat(fixed.unknownKeys("urbanmine")).isEmpty();
  }
}
