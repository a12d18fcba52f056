package org.urbanmine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A line chart over years as an inline SVG element: series as lines and/or point markers, each
 * optionally with a shaded interval band, a linear or log y axis with ticks and labels, an
 * optional horizontal reference line (coverage = 1), and a legend under the plot.
 *
 * <p>Pure: {@link #svg()} depends only on what the builder was given. Lines are at least 3 px
 * wide and markers solid, so a screenshot shows each series' exact colour in the middle of its
 * shapes. Bands are the series colour at {@value #BAND_OPACITY} opacity: where two scenarios'
 * intervals overlap, both stay visible; elsewhere a band shows {@link #bandColour} over white.
 */
public final class SvgChart {
  /** Distinct, colour-blind-friendlier hues (Tableau 10 and two more); cycled beyond twelve series. */
  public static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
      "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939");
  public static final String SVG_NS = "http://www.w3.org/2000/svg";

  static final int DEFAULT_WIDTH = 560;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 14;
  static final int PLOT_HEIGHT = 220;
  /** Below the plot: tick labels and the axis title. */
  static final int AXIS = 44;
  static final int LEGEND_ROW = 18;
  static final double LINE_WIDTH = 3;
  static final double EMPHASISED_WIDTH = 5;
  static final double MARKER_RADIUS = 4;
  static final double BAND_OPACITY = 0.3;
  private static final double CHAR_WIDTH = 7.2;

  public static String colour(int index) {
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  /** The colour a series' interval band shows over white (to within rounding). */
  public static String bandColour(String colour) {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    StringBuilder out = new StringBuilder("#");
    for (int shift = 16; shift >= 0; shift -= 8) {
      int c = (rgb >> shift) & 0xff;
      out.append(String.format(Locale.ROOT, "%02x", Math.round(255 - (255 - c) * BAND_OPACITY)));
    }
    return out.toString();
  }

  public record Point(double x, double y) {}

  /** A prediction interval at year {@code x}. */
  public record Interval(double x, double lower, double upper) {}

  /**
   * @param line whether the points are joined; {@code markers} whether each is drawn as a dot
   * @param emphasised drawn wider, e.g. the host country among candidates
   * @param dash an SVG dash pattern such as {@code "7 4"}, or null for a solid line
   */
  public record Series(String name, String colour, List<Point> points, List<Interval> band,
      boolean line, boolean markers, boolean emphasised, String dash) {
    public Series {
      points = points.stream().sorted(Comparator.comparingDouble(Point::x)).toList();
      band = band.stream().sorted(Comparator.comparingDouble(Interval::x)).toList();
    }

    public static Series line(String name, String colour, List<Point> points) {
      return new Series(name, colour, points, List.of(), true, false, false, null);
    }

    public static Series markers(String name, String colour, List<Point> points) {
      return new Series(name, colour, points, List.of(), false, true, false, null);
    }

    public Series withBand(List<Interval> intervals) {
      return new Series(name, colour, points, intervals, line, markers, emphasised, dash);
    }

    public Series withMarkers() {
      return new Series(name, colour, points, band, line, true, emphasised, dash);
    }

    public Series asEmphasised() {
      return new Series(name, colour, points, band, line, markers, true, dash);
    }

    public Series withDash(String pattern) {
      return new Series(name, colour, points, band, line, markers, emphasised, pattern);
    }

    /** The stroke's width and dash pattern as SVG attributes. */
    String stroke() {
      return "stroke=\"" + colour + "\" stroke-width=\"" + num(emphasised ? EMPHASISED_WIDTH : LINE_WIDTH) + "\""
          + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }
  }

  private record Reference(double value, String label) {}

  private final String title;
  private final int width;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series;
  private final Reference reference;
  private final Scale xScale;
  private final Scale yScale;
  private final List<List<Series>> legendRows;

  private SvgChart(Builder b) {
    this.title = b.title;
    this.width = b.width;
    this.xLabel = b.xLabel;
    this.yLabel = b.yLabel;
    this.series = List.copyOf(b.series);
    this.reference = b.reference;
    this.xScale = xDomain();
    this.yScale = yDomain(b.logY);
    this.legendRows = legendRows();
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public Scale xScale() {
    return xScale;
  }

  public Scale yScale() {
    return yScale;
  }

  public int width() {
    return width;
  }

  public int height() {
    return TOP + PLOT_HEIGHT + AXIS + legendRows.size() * LEGEND_ROW + 6;
  }

  private double plotRight() {
    return width - RIGHT;
  }

  private static double plotBottom() {
    return TOP + PLOT_HEIGHT;
  }

  private Stream<Double> xs() {
    return series.stream().flatMap(s -> Stream.concat(s.points().stream().map(Point::x),
        s.band().stream().map(Interval::x)));
  }

  private Scale xDomain() {
    double min = xs().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = xs().mapToDouble(Double::doubleValue).max().orElse(1);
    return Scale.exact(min, max, LEFT, plotRight());
  }

  private Scale yDomain(boolean log) {
    List<Double> values = new ArrayList<>();
    for (Series s : series) {
      s.points().forEach(p -> values.add(p.y()));
      s.band().forEach(i -> {
        values.add(i.lower());
        values.add(i.upper());
      });
    }
    if (reference != null) {
      values.add(reference.value());
    }
    List<Double> usable = values.stream().filter(v -> !Double.isNaN(v) && (!log || v > 0)).toList();
    double min = usable.stream().mapToDouble(Double::doubleValue).min().orElse(log ? 1 : 0);
    double max = usable.stream().mapToDouble(Double::doubleValue).max().orElse(log ? 10 : 1);
    return log ? Scale.log(min, max, plotBottom(), TOP) : Scale.linear(min, max, plotBottom(), TOP);
  }

  /** Legend entries laid out left to right, wrapped to the chart's width. */
  private List<List<Series>> legendRows() {
    List<List<Series>> rows = new ArrayList<>();
    List<Series> row = new ArrayList<>();
    double used = 0;
    for (Series s : series) {
      double w = legendWidth(s);
      if (!row.isEmpty() && used + w > width - 12) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(s);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static double legendWidth(Series s) {
    return 38 + s.name().length() * CHAR_WIDTH;
  }

  /** The chart as an {@code <svg>} element, well-formed XML, all text escaped. */
  public String svg() {
    StringBuilder out = new StringBuilder(4096);
    out.append("<svg xmlns=\"").append(SVG_NS).append("\" class=\"chart\" width=\"").append(width)
        .append("\" height=\"").append(height()).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height()).append("\" role=\"img\" aria-label=\"").append(Markup.escape(title)).append("\">")
        .append("<title>").append(Markup.escape(title)).append("</title>");
    grid(out);
    series.forEach(s -> band(out, s));
    referenceLine(out);
    series.forEach(s -> line(out, s));
    series.forEach(s -> markers(out, s));
    axes(out);
    legend(out);
    if (series.stream().allMatch(s -> s.points().stream().noneMatch(p -> yScale.shows(p.y())))) {
      out.append(text(LEFT + (plotRight() - LEFT) / 2, TOP + PLOT_HEIGHT / 2.0, "middle", "nodata", "no data"));
    }
    return out.append("</svg>").toString();
  }

  private void grid(StringBuilder out) {
    out.append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">");
    for (double t : yScale.ticks()) {
      out.append(hline(yScale.pixel(t)));
    }
    out.append("</g>");
  }

  private String hline(double y) {
    return "<line x1=\"" + num(LEFT) + "\" y1=\"" + num(y) + "\" x2=\"" + num(plotRight()) + "\" y2=\"" + num(y) + "\"/>";
  }

  /** Each run of consecutive plottable intervals as one polygon: along the upper bounds, back along the lower. */
  private void band(StringBuilder out, Series s) {
    for (List<Interval> run : runs(s.band(), i -> yScale.shows(i.upper()))) {
      StringBuilder points = new StringBuilder();
      for (Interval i : run) {
        points.append(num(xScale.pixel(i.x()))).append(',').append(num(yScale.pixel(yScale.clamp(i.upper())))).append(' ');
      }
      for (int k = run.size() - 1; k >= 0; k--) {
        Interval i = run.get(k);
        double lower = yScale.shows(i.lower()) ? i.lower() : yScale.min();
        points.append(num(xScale.pixel(i.x()))).append(',').append(num(yScale.pixel(yScale.clamp(lower)))).append(' ');
      }
      out.append("<polygon class=\"band\" fill=\"").append(s.colour()).append("\" fill-opacity=\"")
          .append(BAND_OPACITY).append("\" stroke=\"none\" points=\"").append(points.toString().trim()).append("\"/>");
    }
  }

  private void referenceLine(StringBuilder out) {
    if (reference == null) {
      return;
    }
    double y = yScale.pixel(reference.value());
    out.append("<g class=\"reference\" stroke=\"#555555\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\">")
        .append(hline(y)).append("</g>")
        .append(text(plotRight() - 4, y - 5, "end", "reference-label", reference.label()));
  }

  private void line(StringBuilder out, Series s) {
    if (!s.line()) {
      return;
    }
    StringBuilder d = new StringBuilder();
    for (List<Point> run : runs(s.points(), p -> yScale.shows(p.y()))) {
      String command = "M";
      for (Point p : run) {
        d.append(command).append(num(xScale.pixel(p.x()))).append(' ').append(num(yScale.pixel(p.y()))).append(' ');
        command = "L";
      }
    }
    if (d.length() > 0) {
      out.append("<path class=\"series\" fill=\"none\" ").append(s.stroke())
          .append(" stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"").append(d.toString().trim()).append("\"/>");
    }
  }

  private void markers(StringBuilder out, Series s) {
    if (!s.markers()) {
      return;
    }
    out.append("<g class=\"markers\" fill=\"").append(s.colour()).append("\">");
    for (Point p : s.points()) {
      if (yScale.shows(p.y())) {
        out.append("<circle cx=\"").append(num(xScale.pixel(p.x()))).append("\" cy=\"")
            .append(num(yScale.pixel(p.y()))).append("\" r=\"").append(num(MARKER_RADIUS)).append("\"/>");
      }
    }
    out.append("</g>");
  }

  private void axes(StringBuilder out) {
    double bottom = plotBottom();
    out.append("<g class=\"axes\" stroke=\"#333333\" stroke-width=\"1\">")
        .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(bottom)).append("\" x2=\"")
        .append(num(plotRight())).append("\" y2=\"").append(num(bottom)).append("\"/>")
        .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
        .append("\" y2=\"").append(num(bottom)).append("\"/>");
    for (double t : xScale.wholeTicks()) {
      double x = xScale.pixel(t);
      out.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(bottom)).append("\" x2=\"")
          .append(num(x)).append("\" y2=\"").append(num(bottom + 4)).append("\"/>");
    }
    for (double t : yScale.ticks()) {
      double y = yScale.pixel(t);
      out.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(num(y)).append("\" x2=\"")
          .append(LEFT).append("\" y2=\"").append(num(y)).append("\"/>");
    }
    out.append("</g>");
    for (double t : xScale.wholeTicks()) {
      out.append(text(xScale.pixel(t), bottom + 16, "middle", "tick", String.valueOf(Math.round(t))));
    }
    for (double t : yScale.ticks()) {
      out.append(text(LEFT - 7, yScale.pixel(t) + 4, "end", "tick", Figures.compact(t)));
    }
    out.append(text(LEFT + (plotRight() - LEFT) / 2, bottom + 34, "middle", "axis-label", xLabel));
    double middle = TOP + PLOT_HEIGHT / 2.0;
    out.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14 ").append(num(middle))
        .append(") rotate(-90)\">").append(Markup.escape(yLabel + (yScale.log() ? " (log scale)" : "")))
        .append("</text>");
  }

  private void legend(StringBuilder out) {
    out.append("<g class=\"legend\">");
    double y = plotBottom() + AXIS + LEGEND_ROW / 2.0;
    for (List<Series> row : legendRows) {
      double x = 12;
      for (Series s : row) {
        if (!s.band().isEmpty()) {
          out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y - 6)).append("\" width=\"20\" height=\"12\" fill=\"")
              .append(s.colour()).append("\" fill-opacity=\"").append(BAND_OPACITY).append("\"/>");
        }
        if (s.line()) {
          out.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(y)).append("\" x2=\"")
              .append(num(x + 20)).append("\" y2=\"").append(num(y)).append("\" ").append(s.stroke()).append("/>");
        }
        if (s.markers()) {
          out.append("<circle cx=\"").append(num(x + 10)).append("\" cy=\"").append(num(y)).append("\" r=\"")
              .append(num(MARKER_RADIUS)).append("\" fill=\"").append(s.colour()).append("\"/>");
        }
        out.append(text(x + 26, y + 4, "start", "legend-label", s.name()));
        x += legendWidth(s);
      }
      y += LEGEND_ROW;
    }
    out.append("</g>");
  }

  /** Runs of consecutive items that pass {@code shown}: a value a log axis cannot show breaks a line. */
  private static <T> List<List<T>> runs(List<T> items, Function<T, Boolean> shown) {
    List<List<T>> runs = new ArrayList<>();
    List<T> run = new ArrayList<>();
    for (T item : items) {
      if (shown.apply(item)) {
        run.add(item);
      } else if (!run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private static String text(double x, double y, String anchor, String cssClass, String content) {
    return "<text class=\"" + cssClass + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor
        + "\">" + Markup.escape(content) + "</text>";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  public static final class Builder {
    private final String title;
    private int width = DEFAULT_WIDTH;
    private String xLabel = "year";
    private String yLabel = "kg";
    private boolean logY;
    private Reference reference;
    private final List<Series> series = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    public Builder width(int pixels) {
      this.width = pixels;
      return this;
    }

    public Builder xLabel(String label) {
      this.xLabel = label;
      return this;
    }

    public Builder yLabel(String label) {
      this.yLabel = label;
      return this;
    }

    public Builder logY(boolean log) {
      this.logY = log;
      return this;
    }

    /** A dashed horizontal line at {@code value}, labelled; the y axis always reaches it. */
    public Builder reference(double value, String label) {
      this.reference = new Reference(value, label);
      return this;
    }

    public Builder series(Series s) {
      series.add(s);
      return this;
    }

    public SvgChart build() {
      return new SvgChart(this);
    }
  }
}
