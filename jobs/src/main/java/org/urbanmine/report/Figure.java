package org.urbanmine.report;

/**
 * A chart as the page shows it: under a heading, with the table of its exact figures beside it,
 * or no table ({@code null}) where the section gives its figures in a table of their own.
 */
record Figure(String heading, SvgChart chart, FigureTable table) {
  /** Charts in a grid of cards: the grid's columns in the page's style are sized to hold one. */
  static final int CARD_CHART_WIDTH = SvgChart.DEFAULT_WIDTH;
}
