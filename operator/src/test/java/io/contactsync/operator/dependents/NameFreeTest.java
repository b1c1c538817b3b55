package io.contactsync.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameFreeTest {
  @Test
  void aViolationStopsWhatTheSyncDoesNotHaveYetAndKeepsWhatItHas() {
    assertThat(NameFree.met(true, false, false)).as("no violation: made").isTrue();
    assertThat(NameFree.met(true, true, false)).as("a refused sync gets nothing new").isFalse();
    assertThat(NameFree.met(true, true, true)).as("the checkpoint survives a violation").isTrue();
    assertThat(NameFree.met(false, true, false)).as("somebody else's name is never written").isFalse();
  }
}
