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
        .hasMessage("unknown command \"publish\"; commands: nightly, ingest, aggregate, forecast, outlook, runs, rollback");
  }

  @Test
  void nightlyRunsEveryStageInOrder() {
    assertThat(Command.NIGHTLY.stages()).extracting(s -> s.name())
        .containsExactly("ingest", "aggregate", "forecast", "outlook");
  }
}
