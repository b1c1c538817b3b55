package io.contactsync.sync.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.privacy.keys.KeyPurpose;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.sync.SyncFixtures;
import io.contactsync.sync.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyStoreTest {
  @TempDir Path state;

  @Test
  void keysMadeBeforeHpkeGainItsKeysetOnceAndKeepEverythingElse() throws Exception {
    FileKeyStore store = new FileKeyStore(state);
    Map<String, String> made = store.loadOrCreate("team", "p").serialize();
    Path dir = store.directory("team", "p");
    Files.move(dir.resolve(KeyPurpose.ENCRYPT.fileName()), state.resolve("moved-away")); // as keys made before HPKE

    Map<String, String> upgraded = store.loadOrCreate("team", "p").serialize();
    assertThat(upgraded.get(KeyPurpose.TOKENIZE.fileName())).isEqualTo(made.get(KeyPurpose.TOKENIZE.fileName()));
    assertThat(upgraded.get(KeyPurpose.RECORD_ID.fileName())).isEqualTo(made.get(KeyPurpose.RECORD_ID.fileName()));
    assertThat(upgraded).containsKey(KeyPurpose.ENCRYPT.fileName());
    assertThat(store.loadOrCreate("team", "p").serialize()).as("added once, never regenerated").isEqualTo(upgraded);
  }

  @Test
  void aLocalRunWritesWithTheKeysOfItsDestinationsScope() throws Exception {
    FileKeyStore store = new FileKeyStore(state);
    var policy = SyncFixtures.policy("team", "p");
    JobConfig job = SyncFixtures.job(state, "in.vcf", "out.jsonl", policy, null, null);
    JobConfig.Destination destination = job.destinations().get(0);
    PolicyKeys master = store.loadOrCreate("team", "p");
    assertThat(store.writerKeys(job, destination).serialize())
        .isEqualTo(master.forScope(KeyScope.namespace("team", "p", job.namespace())).serialize());
  }
}
