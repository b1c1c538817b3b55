package io.contactsync.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.keys.SealBinding;
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

  private CliRun seal(String... args) throws Exception {
    Files.writeString(dir.resolve("public.json"), KEYS.publicKeyset());
    Files.writeString(dir.resolve("value"), CANARY);
    String[] all = new String[args.length + 5];
    all[0] = "seal";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--from-file";
    all[args.length + 2] = dir.resolve("value").toString();
    all[args.length + 3] = "--public-key";
    all[args.length + 4] = dir.resolve("public.json").toString();
    return CliRun.of(all);
  }

  private static String sealedValue(CliRun r, String key) {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(key + ": sealed.v2.").doesNotContain(CANARY);
    return r.out().strip().substring((key + ": ").length());
  }

  @Test
  void printsALineToPasteThatOpensOnlyForTheNamedEndpointKeyAndAddress() throws Exception {
    CliRun r = seal("-n", "sales", "--name", "crm", "--endpoint", "db", "--url",
        "jdbc:postgresql://pg.db.svc/crm?sslmode=verify-full", "--key", "ca.crt");
    String sealed = sealedValue(r, "ca.crt");
    assertThat(r.err()).contains("sales/crm", "endpoint db", "key ca.crt", "pg.db.svc:5432").doesNotContain(CANARY);
    SealBinding bound = new SealBinding("sales", "crm", "db", "ca.crt", "pg.db.svc:5432");
    assertThat(new String(KEYS.unseal(bound, sealed), StandardCharsets.UTF_8)).isEqualTo(CANARY);
    for (SealBinding other : new SealBinding[] {new SealBinding("sales", "other", "db", "ca.crt", "pg.db.svc:5432"),
        new SealBinding("sales", "crm", "source", "ca.crt", "pg.db.svc:5432"),
        new SealBinding("sales", "crm", "db", "password", "pg.db.svc:5432"),
        new SealBinding("sales", "crm", "db", "ca.crt", "pg.db.svc:6432")}) {
      assertThatThrownBy(() -> KEYS.unseal(other, sealed)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void takesTheUrlOfTheNamedEndpointFromAManifest() throws Exception {
    Path manifest = Files.writeString(dir.resolve("crm.yaml"), """
        apiVersion: contactsync.io/v1alpha1
        kind: ContactSync
        metadata: {name: crm, namespace: sales}
        spec:
          schedule: "*/30 * * * *"
          source:
            carddav: {url: "https://dav.good.test:8443/dav/"}
          destinations:
            - name: hook
              privacyPolicyRef: {name: p}
              webhook: {url: "https://hooks.good.test/in"}
        """);
    String source = sealedValue(seal("--from-manifest", manifest.toString(), "--endpoint", "source", "--key", "password"), "password");
    assertThat(KEYS.unseal(new SealBinding("sales", "crm", "source", "password", "dav.good.test:8443"), source))
        .asString(StandardCharsets.UTF_8).isEqualTo(CANARY);
    String hook = sealedValue(seal("--from-manifest", manifest.toString(), "--endpoint", "hook", "--key", "signingKey"), "signingKey");
    assertThat(KEYS.unseal(new SealBinding("sales", "crm", "hook", "signingKey", "hooks.good.test:443"), hook))
        .asString(StandardCharsets.UTF_8).isEqualTo(CANARY);
    CliRun missing = seal("--from-manifest", manifest.toString(), "--endpoint", "db", "--key", "password");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("has no endpoint 'db'");

    Files.writeString(manifest, Files.readString(manifest).replace(", namespace: sales", ""));
    CliRun noNamespace = seal("--from-manifest", manifest.toString(), "--endpoint", "source", "--key", "password");
    assertThat(noNamespace.exit()).as("not sealed for 'default' by accident").isEqualTo(2);
    assertThat(noNamespace.err()).contains("does not name the namespace", "give -n");
    String given = sealedValue(seal("--from-manifest", manifest.toString(), "-n", "sales", "--endpoint", "source", "--key",
        "password"), "password");
    assertThat(KEYS.unseal(new SealBinding("sales", "crm", "source", "password", "dav.good.test:8443"), given))
        .asString(StandardCharsets.UTF_8).isEqualTo(CANARY);
  }

  @Test
  void refusesKeysNoConnectorReadsEmptyValuesAndUrlsWithNoAddress() throws Exception {
    Files.writeString(dir.resolve("public.json"), KEYS.publicKeyset());
    Files.writeString(dir.resolve("empty"), "");
    CliRun unknown = seal("-n", "sales", "--name", "crm", "--endpoint", "source", "--url", "https://dav.good.test/",
        "--key", "apiKey");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("--key apiKey is not a credential a connector reads");
    CliRun empty = CliRun.of("seal", "-n", "sales", "--name", "crm", "--endpoint", "source", "--url",
        "https://dav.good.test/", "--key", "password", "--from-file", dir.resolve("empty").toString(),
        "--public-key", dir.resolve("public.json").toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("the value to seal is empty");
    CliRun noHost = seal("-n", "sales", "--name", "crm", "--endpoint", "source", "--url", "https://bad_host.test/",
        "--key", "password");
    assertThat(noHost.exit()).isEqualTo(2);
    assertThat(noHost.out()).isEmpty();
    CliRun noUrl = seal("-n", "sales", "--name", "crm", "--endpoint", "source", "--key", "password");
    assertThat(noUrl.exit()).isEqualTo(2);
    assertThat(noUrl.err()).contains("--url");
  }
}
