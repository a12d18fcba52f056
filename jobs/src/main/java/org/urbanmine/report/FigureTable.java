package org.urbanmine.report;

import java.util.List;

/**
 * A table of the page as text cells, numbers already written as {@link Figures#format} writes
 * them: the page template only escapes and lays them out.
 *
 * @param rowHeads how many leading columns head the rows (text, aligned left); numbers fill the rest
 */
record FigureTable(String caption, List<String> head, List<List<String>> body, int rowHeads) {
  /** A table whose first column heads its rows, as beside a chart: a year or a scenario. */
  FigureTable(String caption, List<String> head, List<List<String>> body) {
    this(caption, head, body, 1);
  }
}
