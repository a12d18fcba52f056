package org.urbanmine.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** {@link KeyRepeats} as Spark drives it: rows reduced per task, tasks' buffers merged. */
class KeyRepeatsTest {

  private static KeyRepeats.Seen seen(KeyRepeats repeats, long... hashes) {
    KeyRepeats.Seen seen = repeats.zero();
    for (long h : hashes) {
      seen = repeats.reduce(seen, h);
    }
    return seen;
  }

  /** As a buffer travels from a task to the driver. */
  private static KeyRepeats.Seen sent(KeyRepeats.Seen seen) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(seen);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (KeyRepeats.Seen) in.readObject();
    }
  }

  /** In key order: 1 1 1 2 3 3 is two runs of neighbours; ranges merged add theirs. */
  @Test
  void inOrderCountsRunsOfEqualNeighbours() throws Exception {
    KeyRepeats repeats = KeyRepeats.inOrder();
    assertThat(repeats.finish(seen(repeats, 1, 1, 1, 2, 3, 3))).isEqualTo(2);
    assertThat(repeats.finish(seen(repeats, 1, 2, 3))).isZero();
    assertThat(repeats.finish(repeats.merge(sent(seen(repeats, 1, 1, 2)), sent(seen(repeats, 5, 6, 6)))))
        .isEqualTo(2);
  }

  /** In any order: a hash seen again, in the same task or another, is a repeat. */
  @Test
  void anyOrderRemembersTheHashesSeen() throws Exception {
    KeyRepeats repeats = KeyRepeats.anyOrder();
    assertThat(repeats.finish(seen(repeats, 3, 1, 2))).isZero();
    assertThat(repeats.finish(seen(repeats, 3, 1, 3))).isEqualTo(1);
    assertThat(repeats.finish(repeats.merge(sent(seen(repeats, 3, 1)), sent(seen(repeats, 2, 1))))).isEqualTo(1);
    assertThat(repeats.finish(repeats.merge(sent(seen(repeats, 3, 1)), sent(seen(repeats, 2, 4))))).isZero();
  }

  /** Past {@value KeyRepeats#MAX_HASHES} hashes it cannot tell, and says so, merged or not. */
  @Test
  void anyOrderGivesUpPastItsLimit() throws Exception {
    KeyRepeats repeats = KeyRepeats.anyOrder();
    KeyRepeats.Seen many = repeats.zero();
    for (long h = 0; h <= KeyRepeats.MAX_HASHES; h++) {
      many = repeats.reduce(many, h);
    }
    assertThat(repeats.finish(many)).isEqualTo(KeyRepeats.CANNOT_TELL);
    assertThat(repeats.finish(repeats.merge(sent(seen(repeats, 1)), sent(many)))).isEqualTo(KeyRepeats.CANNOT_TELL);
    KeyRepeats.Seen half = repeats.zero();
    for (long h = 0; h < KeyRepeats.MAX_HASHES; h++) {
      half = repeats.reduce(half, h);
    }
    assertThat(repeats.finish(repeats.merge(sent(half), sent(seen(repeats, -1, -2)))))
        .isEqualTo(KeyRepeats.CANNOT_TELL);
  }
}
