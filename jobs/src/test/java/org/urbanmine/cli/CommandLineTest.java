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
        .hasMessage("unknown command \"publish\"; commands: nightly, ingest, aggregate, forecast, outlook, compare, runs, rollback");
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
  void nightlyRunsEveryStageInOrder() {
    // ... and records the scenario's assumptions last (scenarios).
    assertThat(Command.NIGHTLY.stages()).extracting(s -> s.name())
        .containsExactly("ingest", "aggregate", "forecast", "outlook", "scenario");
  }
}
