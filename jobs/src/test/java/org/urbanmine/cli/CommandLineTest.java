package org.urbanmine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void parsesEveryOptionInBothForms() {
    CommandLine line = CommandLine.parse(new String[] {
        "--conf", "a.conf", "--scenario=high", "--set", "urbanmine.x=1", "--set=urbanmine.y=a=b"});
    assertThat(line.confFile()).isEqualTo("a.conf");
    assertThat(line.scenario()).isEqualTo("high");
    // Only the first '=' separates option from value; the rest belongs to the value.
    assertThat(line.sets()).containsExactly("urbanmine.x=1", "urbanmine.y=a=b");
    assertThat(line.help()).isFalse();
    assertThat(CommandLine.parse(new String[] {"--help"}).help()).isTrue();
  }

  @Test
  void rejectsWhatItDoesNotKnow() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}))
        .isInstanceOf(UsageException.class).hasMessage("unknown option \"--verbose\"");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--conf"}))
        .hasMessage("--conf needs a value");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--scenario", "a", "--scenario", "b"}))
        .hasMessage("--scenario given twice");
    assertThatThrownBy(() -> Command.named("publish"))
        .hasMessage("unknown command \"publish\"; commands: nightly, ingest, aggregate, forecast, outlook, ewaste, compare, runs, rollback, tables, describe, query, report, generate");
  }

  @Test
  void compareTakesTwoDifferentScenarioNames() {
    CommandLine line = CommandLine.parse(Command.COMPARE, new String[] {"baseline", "--set", "urbanmine.x=1", "high_2"});
    assertThat(line.arguments()).containsExactly("baseline", "high_2");
    assertThat(line.sets()).containsExactly("urbanmine.x=1");
    assertThat(Command.COMPARE.stages()).extracting(s -> s.name()).containsExactly("compare");
    assertThat(Command.COMPARE.outputs()).extracting(t -> t.name()).containsExactly("scenario_comparison");

    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"a"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("compare needs two scenario names (jobs/run compare A B), got 1: \"a\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {}))
        .isInstanceOf(UsageException.class)
        .hasMessage("compare needs two scenario names (jobs/run compare A B), got 0");
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"a", "b", "c"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("compare needs two scenario names (jobs/run compare A B), got 3: \"a b c\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"baseline", "High"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("compare: a scenario name is lower-case letters, digits, '-' or '_', got \"High\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"baseline", "_x"}))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"same", "same"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("compare needs two different scenarios, got \"same\" twice");
    // Options still parse as before; --help needs no arguments.
    assertThatThrownBy(() -> CommandLine.parse(Command.COMPARE, new String[] {"a", "b", "--verbose"}))
        .hasMessage("unknown option \"--verbose\"");
    assertThat(CommandLine.parse(Command.COMPARE, new String[] {"--help"}).help()).isTrue();
  }

  @Test
  void otherCommandsTakeNoArguments() {
    assertThatThrownBy(() -> CommandLine.parse(Command.NIGHTLY, new String[] {"x"}))
        .isInstanceOf(UsageException.class).hasMessage("nightly takes no arguments, got \"x\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.FORECAST, new String[] {"--scenario", "high", "a", "b"}))
        .isInstanceOf(UsageException.class).hasMessage("forecast takes no arguments, got \"a b\"");
    assertThat(CommandLine.parse(Command.NIGHTLY, new String[] {"--force"}).arguments()).isEmpty();
    // Through the command line's entry point: exit 2.
    assertThat(UrbanMine.dispatch(new String[] {"nightly", "x"})).isEqualTo(UrbanMine.USAGE);
    assertThat(UrbanMine.dispatch(new String[] {"compare", "a"})).isEqualTo(UrbanMine.USAGE);
  }

  @Test
  void describeTakesATableAndQueryItsSqlWithAFormatAndAFile() {
    assertThat(CommandLine.parse(Command.DESCRIBE, new String[] {"medal_outlook"}).arguments())
        .containsExactly("medal_outlook");
    assertThatThrownBy(() -> CommandLine.parse(Command.DESCRIBE, new String[] {}))
        .isInstanceOf(UsageException.class).hasMessage("describe needs one table name (jobs/run describe TABLE), got 0");
    assertThatThrownBy(() -> Command.table("medals"))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("no table \"medals\"; tables: recovery_records, ")
        .hasMessageEndingWith(", runs");

    CommandLine line = CommandLine.parse(Command.QUERY, new String[] {"SELECT 1", "--format=csv"});
    assertThat(line.arguments()).containsExactly("SELECT 1");
    assertThat(line.format()).isEqualTo("csv");
    assertThat(line.output()).isNull();
    assertThat(CommandLine.parse(Command.QUERY, new String[] {"SELECT 1"}).format()).isEqualTo("table");
    // SQL may begin with a comment.
    assertThat(CommandLine.parse(Command.QUERY, new String[] {"-- all\nSELECT 1"}).arguments())
        .containsExactly("-- all\nSELECT 1");
    line = CommandLine.parse(Command.QUERY, new String[] {"--output", "x.parquet", "--format", "parquet", "SELECT 1"});
    assertThat(line.output()).isEqualTo("x.parquet");
    assertThat(CommandLine.parse(Command.REPORT, new String[] {"--output=r.html"}).output()).isEqualTo("r.html");

    assertThatThrownBy(() -> CommandLine.parse(Command.QUERY, new String[] {"SELECT", "1"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("query needs the SQL as one argument, in quotes (jobs/run query \"SELECT ...\"), got 2: \"SELECT 1\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.QUERY, new String[] {"SELECT 1", "--format", "xml"}))
        .isInstanceOf(UsageException.class).hasMessage("--format must be one of table, csv, json, parquet, got \"xml\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.QUERY, new String[] {"SELECT 1", "--format", "parquet"}))
        .isInstanceOf(UsageException.class).hasMessage("--format parquet needs --output PATH (Parquet is not for a terminal)");
    assertThatThrownBy(() -> CommandLine.parse(Command.QUERY, new String[] {"SELECT 1", "--output", "x"}))
        .isInstanceOf(UsageException.class).hasMessage("--output needs --format csv, json or parquet");
    assertThatThrownBy(() -> CommandLine.parse(Command.NIGHTLY, new String[] {"--format", "csv"}))
        .isInstanceOf(UsageException.class).hasMessage("--format is an option of query only, not of nightly");
    assertThatThrownBy(() -> CommandLine.parse(Command.TABLES, new String[] {"--output", "x"}))
        .isInstanceOf(UsageException.class).hasMessage("--output is an option of query, report and generate only, not of tables");

    line = CommandLine.parse(Command.GENERATE, new String[] {"--rows", "5_000_000", "--seed=9", "--output", "gen"});
    assertThat(line.rows()).isEqualTo(5_000_000L);
    assertThat(line.seed()).isEqualTo(9L);
    assertThat(line.output()).isEqualTo("gen");
    assertThat(CommandLine.parse(Command.GENERATE, new String[] {"--rows", "1", "--output", "g"}).seed()).isNull();
    assertThatThrownBy(() -> CommandLine.parse(Command.GENERATE, new String[] {"--output", "g"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("generate needs --rows N and --output DIR (and takes --seed S, default 1)");
    assertThatThrownBy(() -> CommandLine.parse(Command.GENERATE, new String[] {"--rows", "0", "--output", "g"}))
        .isInstanceOf(UsageException.class).hasMessage("--rows must be between 1 and 1000000000, got 0");
    assertThatThrownBy(() -> CommandLine.parse(Command.GENERATE, new String[] {"--rows", "1e6", "--output", "g"}))
        .isInstanceOf(UsageException.class).hasMessage("--rows must be a whole number, got \"1e6\"");
    assertThatThrownBy(() -> CommandLine.parse(Command.NIGHTLY, new String[] {"--seed", "3"}))
        .isInstanceOf(UsageException.class).hasMessage("--seed is an option of generate only, not of nightly");
    assertThat(CommandLine.parse(Command.GENERATE, new String[] {"--rows", "9", "--output", "g", "--rows-per-file=9"})
        .rowsPerFile()).isEqualTo(9L);
    assertThatThrownBy(() -> CommandLine.parse(Command.GENERATE,
        new String[] {"--rows", "9", "--output", "g", "--rows-per-file", "0"}))
        .isInstanceOf(UsageException.class).hasMessage("--rows-per-file must be between 1 and 2147483647, got 0");
    assertThatThrownBy(() -> CommandLine.parse(Command.NIGHTLY, new String[] {"--rows-per-file", "3"}))
        .isInstanceOf(UsageException.class).hasMessage("--rows-per-file is an option of generate only, not of nightly");
    assertThat(UrbanMine.dispatch(new String[] {"query"})).isEqualTo(UrbanMine.USAGE);
    assertThat(UrbanMine.dispatch(new String[] {"describe", "no_such_table"})).isEqualTo(UrbanMine.USAGE);
  }

  @Test
  void nightlyRunsEveryStageInOrder() {
    // ewaste before forecast, whose drivers method reads ewaste_generated; the scenario's
    // assumptions last (scenarios).
    assertThat(Command.NIGHTLY.stages()).extracting(s -> s.name())
        .containsExactly("ingest", "aggregate", "ewaste", "forecast", "outlook", "scenario");
  }
}
