package org.urbanmine.ewaste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.urbanmine.ewaste.ExtrapolationRules.Approach;
import org.urbanmine.ewaste.ExtrapolationRules.Rule;

class ExtrapolationRulesTest {
  private static final List<String[]> INTRODUCTION = List.<String[]>of(new String[] {"0505", "2004"});

  private static String[] row(String... fields) {
    return fields;
  }

  @Test
  void aGeneralRowAppliesToEveryCountryOfItsKeyAndNaFieldsTakeTheDefaults() {
    ExtrapolationRules rules =
        ExtrapolationRules.of(List.<String[]>of(row("0502", "", "KPI", "NA", "4")), INTRODUCTION);

    // ConnectionYear NA -> YL (2015); YearsForTrend 4 from the row.
    assertThat(rules.forSeries("0502", "NLD", 2015)).isEqualTo(new Rule(Approach.KPI, 2015, 4));
    assertThat(rules.forSeries("0502", "AUT", 2013)).isEqualTo(new Rule(Approach.KPI, 2013, 4));
  }

  @Test
  void aCountryRowReplacesTheWholeTripleOfTheGeneralRow() {
    ExtrapolationRules rules = ExtrapolationRules.of(List.<String[]>of(
        row("0502", "", "ConnectionConstant", "2013", "4"),
        row("0502", "SWE", "KPI", "NA", "8"),
        row("0502", "AUT", "LastReliableConstant", "2012", "NA")), INTRODUCTION);

    // SWE: its own approach and 8 years; its NA connection year is YL, not the general row's 2013.
    assertThat(rules.forSeries("0502", "SWE", 2015)).isEqualTo(new Rule(Approach.KPI, 2015, 8));
    // AUT: its NA years for trend are the default 9, not the general row's 4.
    assertThat(rules.forSeries("0502", "AUT", 2015)).isEqualTo(new Rule(Approach.LAST_RELIABLE_CONSTANT, 2012, 9));
    // Any other country: the general row as it is.
    assertThat(rules.forSeries("0502", "BEL", 2015)).isEqualTo(new Rule(Approach.CONNECTION_CONSTANT, 2013, 4));
  }

  @Test
  void aSeriesWithoutRowGetsKpiPppAtTheLastDataYearOverNineYears() {
    ExtrapolationRules rules = ExtrapolationRules.of(List.<String[]>of(
        row("0502", "SWE", "KPI", "NA", "8"),
        // A blank approach is the default; the row still replaces the other fields.
        row("0101", "NLD", "", "2014", "NA")), INTRODUCTION);

    assertThat(rules.forSeries("0502", "NLD", 2015)).isEqualTo(new Rule(Approach.KPI_PPP, 2015, 9));
    assertThat(rules.forSeries("0999", "SWE", 2010)).isEqualTo(new Rule(Approach.KPI_PPP, 2010, 9));
    assertThat(rules.forSeries("0101", "NLD", 2015)).isEqualTo(new Rule(Approach.KPI_PPP, 2014, 9));
  }

  @Test
  void theFirstOfTwoRowsForASeriesWins() {
    ExtrapolationRules rules = ExtrapolationRules.of(List.<String[]>of(
        row("0101", "NLD", "KPI", "2013", "NA"),
        row("0101", "NLD", "LastReliableConstant", "2011", "NA")), INTRODUCTION);

    assertThat(rules.forSeries("0101", "NLD", 2015)).isEqualTo(new Rule(Approach.KPI, 2013, 9));
  }

  @Test
  void anUnknownApproachFailsTheLoad() {
    List<String[]> unknown = List.<String[]>of(row("0101", "NLD", "Polynom", "NA", "NA"));
    assertThatThrownBy(() -> ExtrapolationRules.of(unknown, INTRODUCTION))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Polynom");
  }

  @Test
  void introductionYearsAreByKey() {
    ExtrapolationRules rules = ExtrapolationRules.of(List.of(), INTRODUCTION);

    assertThat(rules.hasIntroductionYear("0505")).isTrue();
    assertThat(rules.introductionYear("0505")).isEqualTo(2004);
    assertThat(rules.hasIntroductionYear("0506")).isFalse();
    assertThatThrownBy(() -> rules.introductionYear("0506")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBundledTablesLoadAsTheModelReadsThem() {
    ExtrapolationRules rules = ExtrapolationRules.bundled(new Configuration());

    // "0001","LVA","LastReliableConstant",2014,NA
    assertThat(rules.forSeries("0001", "LVA", 2015)).isEqualTo(new Rule(Approach.LAST_RELIABLE_CONSTANT, 2014, 9));
    // "0502","","KPI",NA,4 for every country without a row of its own ...
    assertThat(rules.forSeries("0502", "NLD", 2015)).isEqualTo(new Rule(Approach.KPI, 2015, 4));
    // ... "0502","SWE","KPI",NA,8 and "0502","SVK","LastReliableConstant",2013,NA replace it.
    assertThat(rules.forSeries("0502", "SWE", 2015)).isEqualTo(new Rule(Approach.KPI, 2015, 8));
    assertThat(rules.forSeries("0502", "SVK", 2015)).isEqualTo(new Rule(Approach.LAST_RELIABLE_CONSTANT, 2013, 9));
    // "0503","NLD","LastReliableConstant",NA,NA: not the general row's KPI over 4 years.
    assertThat(rules.forSeries("0503", "NLD", 2015)).isEqualTo(new Rule(Approach.LAST_RELIABLE_CONSTANT, 2015, 9));
    // "0104","NLD","ConnectionConstant",2013,NA
    assertThat(rules.forSeries("0104", "NLD", 2015)).isEqualTo(new Rule(Approach.CONNECTION_CONSTANT, 2013, 9));
    // No row for 0101 in Germany.
    assertThat(rules.forSeries("0101", "DEU", 2015)).isEqualTo(new Rule(Approach.KPI_PPP, 2015, 9));
    // htbl_Key_IntroductionYear.csv: 0002 1990, 0408 2000, 0505 2004.
    assertThat(rules.introductionYear("0002")).isEqualTo(1990);
    assertThat(rules.introductionYear("0408")).isEqualTo(2000);
    assertThat(rules.introductionYear("0505")).isEqualTo(2004);
  }
}
