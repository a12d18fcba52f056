package org.urbanmine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed, validated reads from a resolved {@link Config}. Every path read is remembered, so that
 * any key the settings never asked for can be reported as unknown: a typo such as
 * {@code max-rejected-shar} must stop the run rather than silently fall back to the default.
 *
 * <p>Messages follow one form: {@code KEY must be WHAT, got VALUE}.
 */
public final class ConfigReader {
  /** ISO 3166-1 alpha-3, the country codes of the reference tables (hosts, per-country lifespans). */
  static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

  private final Config config;
  private final Set<String> consumed = new LinkedHashSet<>();
  private final Set<String> consumedPrefixes = new LinkedHashSet<>();

  public ConfigReader(Config config) {
    this.config = config;
  }

  public boolean has(String path) {
    return config.hasPath(path);
  }

  public String string(String path) {
    ConfigValue value = value(path);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
      throw invalid(path, "a string", render(value));
    }
    String s = String.valueOf(value.unwrapped());
    if (s.isBlank()) {
      throw invalid(path, "a non-empty string", "\"" + s + "\"");
    }
    return s;
  }

  public String optionalString(String path, String fallback) {
    return has(path) ? string(path) : markAndReturn(path, fallback);
  }

  public boolean optionalBoolean(String path, boolean fallback) {
    if (!has(path)) {
      consumed.add(path);
      return fallback;
    }
    return typed(path, "true or false", config::getBoolean);
  }

  public String oneOf(String path, Set<String> allowed) {
    String s = string(path);
    if (!allowed.contains(s)) {
      throw invalid(path, "one of " + new TreeSet<>(allowed), "\"" + s + "\"");
    }
    return s;
  }

  public int intBetween(String path, int min, int max) {
    int n = typed(path, "an integer", config::getInt);
    if (n < min || n > max) {
      throw invalid(path, "an integer between " + min + " and " + max, String.valueOf(n));
    }
    return n;
  }

  public double doubleBetween(String path, double min, double max) {
    double d = typed(path, "a number", config::getDouble);
    if (Double.isNaN(d) || d < min || d > max) {
      throw invalid(path, "between " + fmt(min) + " and " + fmt(max), render(value(path)));
    }
    return d;
  }

  /** The number at {@code path} if set, else {@code fallback}: a bound the key's range already allows. */
  public double optionalDoubleBetween(String path, double min, double max, double fallback) {
    return has(path) ? doubleBetween(path, min, max) : fallback;
  }

  /** A finite number strictly above {@code min}, such as a standard deviation (above 0). */
  public double doubleAbove(String path, double min) {
    double d = typed(path, "a number", config::getDouble);
    if (!(d > min) || Double.isInfinite(d)) {
      throw invalid(path, "a number above " + fmt(min), render(value(path)));
    }
    return d;
  }

  /** Whether {@code path} is set to an object {@code { ... }} (marks nothing as read). */
  public boolean isObject(String path) {
    return config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.OBJECT;
  }

  /** Reads with {@code getter}; a value Typesafe Config cannot convert is reported as not {@code what}. */
  private <T> T typed(String path, String what, java.util.function.Function<String, T> getter) {
    ConfigValue value = value(path);
    try {
      return getter.apply(path);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw invalid(path, what, render(value));
    }
  }

  public List<String> stringList(String path) {
    ConfigValue value = value(path);
    if (value.valueType() != ConfigValueType.LIST) {
      throw invalid(path, "a list of strings such as [\"a\", \"b\"]", render(value));
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : config.getList(path)) {
      if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
        throw invalid(path, "a list of strings", render(value));
      }
      out.add(String.valueOf(item.unwrapped()));
    }
    return out;
  }

  /** The names of the children of an object-valued key, in the order HOCON keeps (sorted). */
  public List<String> childNames(String path) {
    ConfigObject object = object(path);
    return new ArrayList<>(new TreeSet<>(object.keySet()));
  }

  /** A whole object of string-valued entries (keys kept verbatim, dots included). */
  public Map<String, String> stringMap(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!has(path)) {
      consumedPrefixes.add(path);
      return out;
    }
    Config sub = object(path).toConfig();
    for (Map.Entry<String, ConfigValue> e : sub.entrySet()) {
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
        throw invalid(path + "." + e.getKey(), "a string, number or boolean", render(v));
      }
      out.put(String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(v.unwrapped()));
    }
    consumedPrefixes.add(path);
    return out;
  }

  /** A map of name to number between min and max, for example {@code alloy { silver = 0.925 }}. */
  public Map<String, Double> numberMap(String path, double min, double max) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!has(path)) {
      consumed.add(path);
      return out;
    }
    for (String name : childNames(path)) {
      out.put(name, doubleBetween(child(path, name), min, max));
    }
    return out;
  }

  public static String child(String path, String name) {
    return path + "." + ConfigUtil.joinPath(name);
  }

  /** Leaf keys under {@code root} that no read asked for, sorted. */
  public List<String> unknownKeys(String root) {
    List<String> unknown = new ArrayList<>();
    if (!config.hasPath(root)) {
      return unknown;
    }
    for (Map.Entry<String, ConfigValue> e : config.getConfig(root).entrySet()) {
      String path = root + "." + e.getKey();
      if (!isConsumed(path)) {
        unknown.add(path);
      }
    }
    unknown.sort(null);
    return unknown;
  }

  private boolean isConsumed(String path) {
    if (consumed.contains(path)) {
      return true;
    }
    for (String prefix : consumedPrefixes) {
      if (path.startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  private ConfigObject object(String path) {
    ConfigValue value = value(path);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw invalid(path, "an object { ... }", render(value));
    }
    return (ConfigObject) value;
  }

  private ConfigValue value(String path) {
    consumed.add(path);
    try {
      if (!config.hasPathOrNull(path)) {
        throw new ConfigurationException(path + " is required but not set");
      }
      if (config.getIsNull(path)) {
        throw new ConfigurationException(path + " is required but set to null");
      }
      return config.getValue(path);
    } catch (ConfigException e) {
      throw new ConfigurationException(path + ": " + e.getMessage(), e);
    }
  }

  private String markAndReturn(String path, String fallback) {
    consumed.add(path);
    return fallback;
  }

  public static ConfigurationException invalid(String path, String what, String got) {
    return new ConfigurationException(path + " must be " + what + ", got " + got);
  }

  /** A name or code that must have a form, such as an ISO 3166-1 alpha-3 code; {@code what} says which. */
  public static void requireMatching(String path, Pattern pattern, String value, String what) {
    if (!pattern.matcher(value).matches()) {
      throw invalid(path, what, "\"" + value + "\"");
    }
  }

  /**
   * Map keys that must name things defined elsewhere (metals, medal types); the first that does not
   * is reported, with {@code allowed} listed after {@code what}.
   */
  public static void requireKeysIn(String path, Collection<String> keys, Set<String> allowed, String what) {
    for (String key : keys) {
      if (!allowed.contains(key)) {
        throw invalid(path, "keyed by " + what + " " + new TreeSet<>(allowed), "\"" + key + "\"");
      }
    }
  }

  /** A year that must not come before the one at {@code boundPath}, such as the last year after the first. */
  public static void requireAtLeast(String path, int value, String boundPath, int bound) {
    requireAtLeast(path, value, boundPath, bound, "");
  }

  /** As {@link #requireAtLeast(String, int, String, int)}, where the bound's name alone would not say why. */
  public static void requireAtLeast(String path, int value, String boundPath, int bound, String why) {
    if (value < bound) {
      throw invalid(path, "at least " + boundPath + " (" + bound + ")" + (why.isEmpty() ? "" : ", " + why),
          String.valueOf(value));
    }
  }

  /** A year that must come after the one at {@code boundPath}, such as the end of a change after its start. */
  public static void requireAfter(String path, int value, String boundPath, int bound) {
    if (value <= bound) {
      throw invalid(path, "after " + boundPath + " (" + bound + ")", String.valueOf(value));
    }
  }

  private static String render(ConfigValue value) {
    Object raw = value.unwrapped();
    return raw instanceof String ? "\"" + raw + "\"" : value.render(
        com.typesafe.config.ConfigRenderOptions.concise());
  }

  /** A bound or value as written in messages: 1 rather than 1.0. */
  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
