package org.urbanmine.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The options after the command: {@code [--conf FILE] [--scenario NAME] [--set key=value]... [--help]}.
 * Both {@code --opt value} and {@code --opt=value} are accepted.
 */
public record CommandLine(String confFile, String scenario, List<String> sets, boolean help, boolean force) {

  public static CommandLine parse(String[] args) {
    String conf = null;
    String scenario = null;
    List<String> sets = new ArrayList<>();
    boolean help = false;
    boolean force = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--force" -> force = true;
        case "--conf", "--scenario", "--set" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--conf" -> conf = once(name, conf, value);
            case "--scenario" -> scenario = once(name, scenario, value);
            default -> sets.add(value);
          }
        }
        default -> throw new UsageException("unknown option \"" + arg + "\"");
      }
    }
    return new CommandLine(conf, scenario, List.copyOf(sets), help, force);
  }

  private static String once(String name, String previous, String value) {
    if (previous != null) {
      throw new UsageException(name + " given twice");
    }
    return value;
  }
}
