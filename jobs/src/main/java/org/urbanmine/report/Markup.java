package org.urbanmine.report;

/**
 * Text placed into the page's HTML and SVG. Country, scenario and Games names come from data
 * and configuration, so every one of them goes through {@link #escape}; the page is also kept
 * well-formed XML, which lets tests and other tools parse it.
 */
public final class Markup {
  private Markup() {}

  /** The text with {@code & < > " '} as character references: safe in element text and attributes. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newlines are not allowed in XML at all.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
