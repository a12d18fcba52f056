package org.urbanmine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbanmine.report.SvgChart.Interval;
import org.urbanmine.report.SvgChart.Point;
import org.urbanmine.report.SvgChart.Series;

/**
 * Where the chart puts values, worked out by hand. A default chart is 560 px wide with the plot
 * from x = 64 to 560 - 16 = 544 (480 px) and from y = 14 + 220 = 234 at the bottom up to 14.
 */
class SvgChartTest {
  private static SvgChart chart(boolean log, Point... points) {
    return SvgChart.builder("test").logY(log).series(Series.line("s", "#1f77b4", List.of(points))).build();
  }

  /**
   * Years 2010-2020 span the plot exactly. Values 0..87: a step of 87 / 5 = 17.4, rounded up to 20,
   * so the axis runs 0..100. (2015, 50): x = 64 + 0.5 x 480 = 304, y = 234 - 0.5 x 220 = 124.
   * (2020, 87): x = 544, y = 234 - 0.87 x 220 = 42.6.
   */
  @Test
  void linearAxesPlaceAPointWhereWorkedOutByHand() {
    SvgChart c = chart(false, new Point(2010, 0), new Point(2020, 87));
    assertThat(c.yScale().min()).isEqualTo(0);
    assertThat(c.yScale().max()).isEqualTo(100);
    assertThat(c.xScale().pixel(2015)).isCloseTo(304, within(1e-9));
    assertThat(c.yScale().pixel(50)).isCloseTo(124, within(1e-9));
    assertThat(c.yScale().pixel(87)).isCloseTo(42.6, within(1e-9));
    assertThat(c.yScale().ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
    assertThat(c.xScale().wholeTicks()).containsExactly(2010.0, 2012.0, 2014.0, 2016.0, 2018.0, 2020.0);
    assertThat(c.svg()).contains("d=\"M64.0 234.0 L544.0 42.6\"");
  }

  /**
   * Values 3..2,000: from 10^0 to 10^4, four decades of 55 px. 100 is two decades up:
   * y = 234 - 110 = 124. 3: 234 - 55 log10(3) = 234 - 26.24 = 207.76. 2,000:
   * 234 - 55 x 3.30103 = 52.44.
   */
  @Test
  void logAxisPlacesAPointWhereWorkedOutByHand() {
    SvgChart c = chart(true, new Point(2010, 3), new Point(2020, 2000));
    assertThat(c.yScale().min()).isEqualTo(1);
    assertThat(c.yScale().max()).isEqualTo(10_000);
    assertThat(c.yScale().pixel(100)).isCloseTo(124, within(1e-9));
    assertThat(c.yScale().pixel(3)).isCloseTo(207.758, within(1e-3));
    assertThat(c.yScale().pixel(2000)).isCloseTo(52.443, within(1e-3));
    assertThat(c.yScale().ticks()).containsExactly(1.0, 10.0, 100.0, 1000.0, 10000.0);
    assertThat(c.svg()).contains("d=\"M64.0 207.8 L544.0 52.4\"").contains(">10k</text>").contains(">1,000</text>");
  }

  @Test
  void aValueALogAxisCannotShowBreaksTheLine() {
    String svg = chart(true, new Point(2010, 10), new Point(2011, 20), new Point(2012, 0), new Point(2013, 10),
        new Point(2014, 20)).svg();
    String d = svg.replaceAll("(?s).*class=\"series\"[^>]* d=\"([^\"]*)\".*", "$1");
    assertThat(d.chars().filter(ch -> ch == 'M')).hasSize(2);
    assertThat(d.chars().filter(ch -> ch == 'L')).hasSize(2);
  }

  /** Values 0.2..0.5 alone would give 0.1..1; the reference line at 2 stretches it to 10, where y = 234 - 0.5 x 220. */
  @Test
  void theAxisReachesTheReferenceLine() {
    SvgChart c = SvgChart.builder("coverage").logY(true).reference(2, "coverage = 2")
        .series(Series.line("s", "#1f77b4", List.of(new Point(2010, 0.2), new Point(2011, 0.5)))).build();
    assertThat(c.yScale().max()).isEqualTo(10);
    assertThat(c.yScale().pixel(1)).isCloseTo(124, within(1e-9));
    assertThat(c.svg()).contains(">coverage = 2</text>");
  }

  /** A band on a log axis with a lower bound of 0 is drawn down to the axis' floor, not dropped. */
  @Test
  void aBandReachingZeroOnALogAxisGoesToTheFloor() {
    Series s = Series.line("s", "#1f77b4", List.of(new Point(2010, 10), new Point(2011, 20)))
        .withBand(List.of(new Interval(2010, 10, 10), new Interval(2011, 0, 100)));
    SvgChart c = SvgChart.builder("band").logY(true).series(s).build();
    // Floor 10^1 at y = 234; 100 at 14; x 64 and 544.
    assertThat(c.svg()).contains("points=\"64.0,234.0 544.0,14.0 544.0,234.0 64.0,234.0\"");
  }

  /** 0.3 of the colour over white: #1f77b4 = (31, 119, 180) -> 255 - 0.3 x (224, 136, 75) = (188, 214, 233). */
  @Test
  void aBandShowsAThirdOfItsColourOverWhite() {
    assertThat(SvgChart.bandColour("#1f77b4")).isEqualTo("#bcd6e9");
  }

  @Test
  void figuresReadAsThePageDocuments() {
    assertThat(Figures.format(143.0)).isEqualTo("143");
    assertThat(Figures.format(12_345.6)).isEqualTo("12,346");
    assertThat(Figures.format(14.8958)).isEqualTo("14.9");
    assertThat(Figures.format(9.6)).isEqualTo("9.6");
    assertThat(Figures.format(0.012345)).isEqualTo("0.0123");
    assertThat(Figures.format(0.0)).isEqualTo("0");
    assertThat(Figures.format((Double) null)).isEqualTo(Figures.NONE);
    assertThat(Figures.compact(10_000)).isEqualTo("10k");
    assertThat(Figures.compact(2_000_000)).isEqualTo("2M");
  }

  @Test
  void markupEscapesEverythingThatCouldEndTextOrAnAttribute() {
    assertThat(Markup.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
  }
}
