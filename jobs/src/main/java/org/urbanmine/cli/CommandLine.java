package org.urbanmine.cli;

import java.util.ArrayList;
import java.util.List;
import org.urbanmine.config.SettingsLoader;

/**
 * What follows the command: {@code [--conf FILE] [--scenario NAME] [--set key=value]... [--help]}
 * and, for a command that takes them, positional arguments ({@code compare A B}). Both
 * {@code --opt value} and {@code --opt=value} are accepted.
 */
public record CommandLine(String confFile, String scenario, List<String> sets, boolean help, boolean force,
    List<String> arguments) {

  /** The options of a command that takes no positional arguments. */
  public static CommandLine parse(String[] args) {
    return parse(null, args);
  }

  /**
   * The options and positional arguments of {@code command}: {@code compare} takes exactly two
   * different scenario names, every other command none. With {@code --help} the arguments are
   * not checked.
   *
   * @param command null for the options alone (anything else is an unknown option)
   */
  public static CommandLine parse(Command command, String[] args) {
    String conf = null;
    String scenario = null;
    List<String> sets = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
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
        default -> {
          if (command == null || arg.startsWith("-")) {
            throw new UsageException("unknown option \"" + arg + "\"");
          }
          arguments.add(arg);
        }
      }
    }
    if (!help && command != null) {
      checkArguments(command, arguments);
    }
    return new CommandLine(conf, scenario, List.copyOf(sets), help, force, List.copyOf(arguments));
  }

  /** Whether {@code arguments} suit {@code command}; a usage error saying why not. */
  static void checkArguments(Command command, List<String> arguments) {
    if (command != Command.COMPARE) {
      if (!arguments.isEmpty()) {
        throw new UsageException(command.commandName() + " takes no arguments, got \""
            + String.join(" ", arguments) + "\"");
      }
      return;
    }
    if (arguments.size() != 2) {
      throw new UsageException("compare needs two scenario names (jobs/run compare A B), got "
          + arguments.size() + (arguments.isEmpty() ? "" : ": \"" + String.join(" ", arguments) + "\""));
    }
    for (String name : arguments) {
      if (!SettingsLoader.isScenarioName(name)) {
        throw new UsageException("compare: a scenario name is lower-case letters, digits, '-' or '_', got \""
            + name + "\"");
      }
    }
    if (arguments.get(0).equals(arguments.get(1))) {
      throw new UsageException("compare needs two different scenarios, got \"" + arguments.get(0) + "\" twice");
    }
  }

  private static String once(String name, String previous, String value) {
    if (previous != null) {
      throw new UsageException(name + " given twice");
    }
    return value;
  }
}
