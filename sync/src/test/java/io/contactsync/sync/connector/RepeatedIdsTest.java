package io.contactsync.sync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepeatedIdsTest {
  /** What a set of every id seen so far says: the numbers of the records whose id came before. */
  private static long[] byHashSet(List<String> ids) {
    Set<String> seen = new HashSet<>();
    List<Long> repeats = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) if (!seen.add(ids.get(i))) repeats.add((long) i);
    return repeats.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] byRuns(List<String> ids, int idsPerRun) throws Exception {
    try (RepeatedIds repeated = new RepeatedIds(idsPerRun)) {
      for (String id : ids) repeated.add(id);
      return repeated.repeats();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 1000, 100_000})
  void findsWhatASetOfEveryIdFindsWhetherOrNotRunsGoToDisk(int idsPerRun) throws Exception {
    Random random = new Random(idsPerRun);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) ids.add("id-" + random.nextInt(3_000) + (random.nextInt(50) == 0 ? "é" : ""));
    assertThat(byRuns(ids, idsPerRun)).containsExactly(byHashSet(ids));
  }

  @Test
  void theFirstRecordOfAnIdIsNeverARepeatEvenAcrossRuns() throws Exception {
    assertThat(byRuns(List.of("b", "a", "c", "a", "b", "a"), 2)).containsExactly(3, 4, 5);
    assertThat(byRuns(List.of("x", "y", "z"), 1)).isEmpty();
    assertThat(byRuns(List.of(), 3)).isEmpty();
  }
}
