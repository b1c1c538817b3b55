package io.contactsync.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.keys.SealingKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealCommandTest {
  private static final SealingKeys KEYS = SealingKeys.generate();
  private static final String CANARY = "canary-ca-bundle-91c0";
  @TempDir Path dir;

  @Test
  void printsALineToPasteThatOpensOnlyForTheNamedSync() throws Exception {
    Files.writeString(dir.resolve("public.json"), KEYS.publicKeyset());
    Files.writeString(dir.resolve("ca.crt"), CANARY);
    CliRun r = CliRun.of("seal", "-n", "sales", "--name", "crm", "--key", "ca.crt", "--from-file", dir.resolve("ca.crt").toString(),
        "--public-key", dir.resolve("public.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ca.crt: sealed.v1.").doesNotContain(CANARY);
    String sealed = r.out().strip().substring("ca.crt: ".length());
    assertThat(new String(KEYS.unseal("sales", "crm", sealed), StandardCharsets.UTF_8)).isEqualTo(CANARY);
    assertThatThrownBy(() -> KEYS.unseal("sales", "other", sealed)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void refusesKeysNoConnectorReadsAndEmptyValues() throws Exception {
    Files.writeString(dir.resolve("public.json"), KEYS.publicKeyset());
    Files.writeString(dir.resolve("empty"), "");
    CliRun unknown = CliRun.of("seal", "-n", "sales", "--name", "crm", "--key", "apiKey", "--from-file",
        dir.resolve("empty").toString(), "--public-key", dir.resolve("public.json").toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("--key apiKey is not a credential a connector reads");
    CliRun empty = CliRun.of("seal", "-n", "sales", "--name", "crm", "--from-file", dir.resolve("empty").toString(),
        "--public-key", dir.resolve("public.json").toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("the value to seal is empty");
  }
}
