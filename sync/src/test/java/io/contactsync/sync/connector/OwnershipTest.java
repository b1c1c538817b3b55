package io.contactsync.sync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.contact.Contact;
import io.contactsync.sync.format.JsonlFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipTest {
  @TempDir Path dir;

  @Test
  void theMarkIsStablePerSyncAndNamesNoObject() {
    Ownership a = Ownership.of("sales", "crm", null);
    assertThat(a.mark()).matches("[A-Za-z0-9_-]{22}").isEqualTo(Ownership.of("sales", "crm", 100).mark())
        .doesNotContain("sales").doesNotContain("crm");
    assertThat(Ownership.of("sales", "crm2", null).mark()).isNotEqualTo(a.mark());
    assertThat(Ownership.of("sale", "s/crm", null).mark()).as("namespace and name do not run together")
        .isNotEqualTo(Ownership.of("sales", "/crm", null).mark());
    assertThat(a.maxDeletePercent()).isEqualTo(Ownership.DEFAULT_MAX_DELETE_PERCENT);
  }

  @Test
  void theGuardRefusesMoreThanTheShareAndNothingBelowIt() throws Exception {
    Ownership half = Ownership.of("sales", "crm", null);
    half.checkDeletes("db", 5, 10);
    half.checkDeletes("db", 0, 0);
    assertThatThrownBy(() -> half.checkDeletes("db", 6, 10)).isInstanceOf(Ownership.MassDeleteException.class)
        .hasMessage("destination 'db': the run would delete 6 of the 10 records this sync wrote there, more than "
            + "maxDeletePercent 50%; nothing was deleted and the checkpoint stays. If the source really lost them, "
            + "raise maxDeletePercent on this destination for one run");
    Ownership.of("sales", "crm", 100).checkDeletes("db", 10, 10);
    assertThatThrownBy(() -> Ownership.of("sales", "crm", 0).checkDeletes("db", 1, 1000))
        .isInstanceOf(Ownership.MassDeleteException.class);
  }

  @Test
  void aFileIsNotReplacedWhenTheGuardRefusesItsSweep() throws Exception {
    Path out = dir.resolve("out.jsonl");
    List<Contact> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Contact c = new Contact();
      c.setId("r" + i);
      c.setFormattedName("Name " + i);
      records.add(c);
    }
    FileDestination file = new FileDestination(out, new JsonlFormat(), Ownership.of("team", "job", null));
    file.begin();
    file.upsert(records);
    file.commit(true);
    byte[] before = Files.readAllBytes(out);

    file.begin();
    file.upsert(records.subList(0, 1));
    assertThatThrownBy(() -> file.commit(true)).isInstanceOf(Ownership.MassDeleteException.class)
        .hasMessageContaining("delete 3 of the 4");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);

    file.begin();
    file.upsert(records.subList(0, 2));
    assertThat(file.commit(true).deleted()).as("half may go").isEqualTo(2);
  }
}
