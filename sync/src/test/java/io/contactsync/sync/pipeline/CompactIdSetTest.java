package io.contactsync.sync.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CompactIdSet answers exactly as a HashSet of the same ids does, across growth, Unicode and near-equal ids. */
class CompactIdSetTest {
  @Test
  void agreesWithAHashSet() {
    SplittableRandom random = new SplittableRandom(11);
    CompactIdSet compact = new CompactIdSet();
    Set<String> reference = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String id = switch (random.nextInt(4)) {
        case 0 -> "synthetic-7-" + random.nextInt(150_000);
        case 1 -> "urn:uuid:" + Long.toHexString(random.nextLong(1 << 20));
        case 2 -> "Zoë-" + random.nextInt(5000) + "-名";
        default -> "x".repeat(random.nextInt(300));
      };
      assertThat(compact.add(id)).as(id).isEqualTo(reference.add(id));
    }
    assertThat(compact.size()).isEqualTo(reference.size());
  }

  @Test
  void idsThatDifferOnlyInLengthOrLastByteAreDistinct() {
    CompactIdSet set = new CompactIdSet();
    assertThat(set.add("")).isTrue();
    assertThat(set.add("a")).isTrue();
    assertThat(set.add("a\u0000")).isTrue();
    assertThat(set.add("ab")).isTrue();
    assertThat(set.add("a")).isFalse();
    assertThat(set.add("")).isFalse();
  }
}
