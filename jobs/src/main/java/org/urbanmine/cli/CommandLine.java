package org.urbanmine.cli;

import java.util.ArrayList;
import java.util.List;
import org.urbanmine.config.SettingsLoader;

/**
 * What follows the command: {@code [--conf FILE] [--scenario NAME] [--set key=value]... [--help]},
 * the output options of {@code query} and {@code report} ({@code --format}, {@code --output}) and,
 * for a command that takes them, positional arguments ({@code compare A B}, {@code describe TABLE},
 * {@code query "SQL"}). Both {@code --opt value} and {@code --opt=value} are accepted.
 *
 * @param format query only: table (aligned, the default), csv, json or parquet
 * @param output query and report: the file to write; null for the default; generate: the directory
 * @param rows generate only: how many rows to write
 * @param seed generate only: the random seed (null: {@link #DEFAULT_SEED})
 * @param rowsPerFile generate only: rows a file (null: {@code SyntheticRecords.ROWS_PER_FILE})
 */
public record CommandLine(String confFile, String scenario, List<String> sets, boolean help, boolean force,
    List<String> arguments, String format, String output, Long rows, Long seed, Long rowsPerFile) {

  /** The seed of {@code generate} when none is given. */
  public static final long DEFAULT_SEED = 1;

  /** Output formats of {@code query}; the first is the default. */
  public static final List<String> FORMATS = List.of("table", "csv", "json", "parquet");

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
    String format = null;
    String output = null;
    Long rows = null;
    Long seed = null;
    Long rowsPerFile = null;
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
        case "--conf", "--scenario", "--set", "--format", "--output", "--rows", "--seed", "--rows-per-file" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--conf" -> conf = once(name, conf, value);
            case "--scenario" -> scenario = once(name, scenario, value);
            case "--format" -> format = once(name, format, value);
            case "--output" -> output = once(name, output, value);
            case "--rows" -> rows = once(name, rows, wholeNumber(name, value));
            case "--seed" -> seed = once(name, seed, wholeNumber(name, value));
            case "--rows-per-file" -> rowsPerFile = once(name, rowsPerFile, wholeNumber(name, value));
            default -> sets.add(value);
          }
        }
        default -> {
          // A query's SQL may well start with "-" ("-- comment"), never a scenario or table name.
          if (command == null || (arg.startsWith("-") && command != Command.QUERY)) {
            throw new UsageException("unknown option \"" + arg + "\"");
          }
          arguments.add(arg);
        }
      }
    }
    if (!help && command != null) {
      checkArguments(command, arguments);
      checkOutput(command, format, output);
      checkGenerate(command, rows, seed, rowsPerFile, output);
    }
    return new CommandLine(conf, scenario, List.copyOf(sets), help, force, List.copyOf(arguments),
        format == null ? FORMATS.get(0) : format, output, rows, seed, rowsPerFile);
  }

  /** Most rows one generate writes: beyond this a benchmark wants a cluster and many commands. */
  public static final long MAX_GENERATED_ROWS = 1_000_000_000L;

  private static void checkGenerate(Command command, Long rows, Long seed, Long rowsPerFile, String output) {
    if (command != Command.GENERATE) {
      if (rows != null || seed != null || rowsPerFile != null) {
        throw new UsageException((rows != null ? "--rows" : seed != null ? "--seed" : "--rows-per-file")
            + " is an option of generate only, not of " + command.commandName());
      }
      return;
    }
    if (rowsPerFile != null && (rowsPerFile < 1 || rowsPerFile > Integer.MAX_VALUE)) {
      throw new UsageException("--rows-per-file must be between 1 and " + Integer.MAX_VALUE + ", got " + rowsPerFile);
    }
    if (rows == null || output == null) {
      throw new UsageException("generate needs --rows N and --output DIR (and takes --seed S, default "
          + DEFAULT_SEED + ")");
    }
    if (rows < 1 || rows > MAX_GENERATED_ROWS) {
      throw new UsageException("--rows must be between 1 and " + MAX_GENERATED_ROWS + ", got " + rows);
    }
  }

  private static Long wholeNumber(String name, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, got \"" + value + "\"");
    }
  }

  private static void checkOutput(Command command, String format, String output) {
    if (format != null && command != Command.QUERY) {
      throw new UsageException("--format is an option of query only, not of " + command.commandName());
    }
    if (output != null && command != Command.QUERY && command != Command.REPORT && command != Command.GENERATE) {
      throw new UsageException("--output is an option of query, report and generate only, not of "
          + command.commandName());
    }
    if (format != null && !FORMATS.contains(format)) {
      throw new UsageException("--format must be one of " + String.join(", ", FORMATS) + ", got \"" + format + "\"");
    }
    if (output != null && command == Command.QUERY && (format == null || format.equals(FORMATS.get(0)))) {
      throw new UsageException("--output needs --format csv, json or parquet");
    }
    if ("parquet".equals(format) && output == null) {
      throw new UsageException("--format parquet needs --output PATH (Parquet is not for a terminal)");
    }
  }

  /** Whether {@code arguments} suit {@code command}; a usage error saying why not. */
  static void checkArguments(Command command, List<String> arguments) {
    if (command == Command.DESCRIBE || command == Command.QUERY) {
      if (arguments.size() != 1) {
        String what = command == Command.DESCRIBE ? "one table name (jobs/run describe TABLE)"
            : "the SQL as one argument, in quotes (jobs/run query \"SELECT ...\")";
        throw new UsageException(command.commandName() + " needs " + what + ", got " + arguments.size()
            + (arguments.isEmpty() ? "" : ": \"" + String.join(" ", arguments) + "\""));
      }
      return;
    }
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

  private static <T> T once(String name, T previous, T value) {
    if (previous != null) {
      throw new UsageException(name + " given twice");
    }
    return value;
  }
}
