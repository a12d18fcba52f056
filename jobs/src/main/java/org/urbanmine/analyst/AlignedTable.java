package org.urbanmine.analyst;

import java.util.ArrayList;
import java.util.List;

/**
 * Text in columns for a terminal: a header, a rule, then one line per row, each column as wide as
 * its widest cell; numbers right-aligned so that their digits line up.
 */
public final class AlignedTable {
  private AlignedTable() {}

  /**
   * @param rightAligned for each column, whether it holds numbers
   */
  public static String format(List<String> header, List<List<String>> rows, List<Boolean> rightAligned) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> line : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width, rightAligned);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(out, rule, width, rightAligned);
    for (List<String> row : rows) {
      line(out, row, width, rightAligned);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width, List<Boolean> rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(width[i] - cell.length());
      line.append(rightAligned.get(i) ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
