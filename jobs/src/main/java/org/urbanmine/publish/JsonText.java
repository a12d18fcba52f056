package org.urbanmine.publish;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Just enough JSON for small documents (objects of strings, numbers and such objects). */
public final class JsonText {
  private JsonText() {}

  public static String object(Map<String, ?> fields) {
    StringBuilder sb = new StringBuilder("{");
    Iterator<? extends Map.Entry<String, ?>> it = fields.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ?> e = it.next();
      sb.append(string(e.getKey())).append(':').append(value(e.getValue()));
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    return sb.append('}').toString();
  }

  public static String array(List<? extends Map<String, ?>> objects) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < objects.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(object(objects.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) map;
      return object(fields);
    }
    return string(v.toString());
  }

  public static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
