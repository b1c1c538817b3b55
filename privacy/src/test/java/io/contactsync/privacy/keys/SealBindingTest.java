package io.contactsync.privacy.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealBindingTest {
  @Test
  void bindingsThatJoinToTheSameTextStillEncodeApart() {
    // each pair would read alike if the parts were joined with '/' or ':' or concatenated
    List<List<SealBinding>> lookAlikes = List.of(
        List.of(new SealBinding("a/b", "c", "source", "password", "h:1"), new SealBinding("a", "b/c", "source", "password", "h:1")),
        List.of(new SealBinding("ns", "crm", "source", "password", "h:1"), new SealBinding("ns", "crms", "ource", "password", "h:1")),
        List.of(new SealBinding("ns", "s", "db", "password", "a:1,b:2"), new SealBinding("ns", "s", "db", "password,a:1", "b:2")),
        List.of(new SealBinding("ns", "s", "db\u0000", "key", "h:1"), new SealBinding("ns", "s", "db", "\u0000key", "h:1")));
    for (List<SealBinding> pair : lookAlikes) {
      assertThat(pair.get(0).contextInfo()).as(pair.toString()).isNotEqualTo(pair.get(1).contextInfo());
    }
  }

  @Test
  void noTwoOfManyBindingsEncodeAlike() {
    String[] parts = {"a", "b", "a/b", "b/a", ":", "a:", ":a", "", "\u00e9", "e\u0301"};
    Map<String, SealBinding> seen = new HashMap<>();
    for (String ns : parts) for (String sync : parts) for (String endpoint : parts) for (String hostPort : parts) {
      if (ns.isEmpty() || sync.isEmpty() || endpoint.isEmpty() || hostPort.isEmpty()) continue;
      SealBinding b = new SealBinding(ns, sync, endpoint, "password", hostPort);
      SealBinding before = seen.put(Arrays.toString(b.contextInfo()), b);
      assertThat(before).as("%s encodes like %s", b, before).isNull();
    }
    assertThat(seen).hasSizeGreaterThan(5000);
  }

  @Test
  void everyPartMustBeSet() {
    assertThatThrownBy(() -> new SealBinding("ns", "s", "source", "password", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SealBinding("ns", null, "source", "password", "h:1")).isInstanceOf(IllegalArgumentException.class);
  }
}
