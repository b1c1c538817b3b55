package io.contactsync.operator.cli;

import static io.contactsync.sync.SyncFixtures.policy;
import static io.contactsync.sync.SyncFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.PolicyAction;
import io.contactsync.privacy.contact.Contact;
import io.contactsync.privacy.contact.ContactJson;
import io.contactsync.privacy.keys.KeyScope;
import io.contactsync.privacy.keys.PolicyKeys;
import io.contactsync.privacy.policy.PolicyCompiler;
import io.contactsync.sync.config.PolicyDefinitions;
import io.contactsync.sync.keys.FileKeyStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevealCommandTest {
  private static final String EMAIL = "canary.reveal@example.org";
  private static final String NOTES = "canary notes 4be2";
  @TempDir Path state;

  private static CliRun reveal(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "reveal";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  private Contact sanitized(PolicyKeys keys) throws Exception {
    var spec = policy("sales", "p", rule(PolicyAction.Encrypt, "notes")).getSpec();
    Contact in = ContactJson.parse("{\"id\":\"1\",\"formattedName\":\"Ada\",\"emails\":[{\"value\":\"" + EMAIL + "\"}],"
        + "\"organization\":\"Analytical Engines\",\"notes\":\"" + NOTES + "\"}");
    return PolicyCompiler.compile(PolicyDefinitions.from(spec), keys).apply(in).contact();
  }

  @Test
  void revealsTokensAndCiphertextsWithTheLocalKeys() throws Exception {
    Contact out = sanitized(new FileKeyStore(state).loadOrCreate("sales", "p"));
    String token = out.getEmails().get(0).getValue();
    assertThat(token).startsWith("tok_");
    CliRun email = reveal("--policy", "p", "-n", "sales", "--field", "emails[].value", "--state-dir", state.toString(), token);
    assertThat(email.exit()).as(email.err()).isZero();
    assertThat(email.out().strip()).isEqualTo(EMAIL);
    CliRun notes = reveal("--policy", "p", "-n", "sales", "--field", "notes", "--state-dir", state.toString(), out.getNotes());
    assertThat(notes.out().strip()).isEqualTo(NOTES);
  }

  @Test
  void tokensRevealOnlyInTheScopeTheyWereMadeIn() throws Exception {
    var keys = new FileKeyStore(state).loadOrCreate("compliance", "p");
    var spec = policy("compliance", "p").getSpec();
    Contact in = ContactJson.parse("{\"id\":\"1\",\"emails\":[{\"value\":\"" + EMAIL + "\"}]}");
    String sales = PolicyCompiler.compile(PolicyDefinitions.from(spec),
        keys.forScope(KeyScope.namespace("compliance", "p", "sales"))).apply(in).contact().getEmails().get(0).getValue();
    String perDestination = PolicyCompiler.compile(PolicyDefinitions.from(spec),
        keys.forScope(KeyScope.destination("compliance", "p", "sales", "crm", "out"))).apply(in).contact().getEmails().get(0).getValue();
    String[] base = {"--policy", "p", "-n", "compliance", "--field", "emails[].value", "--state-dir", state.toString()};

    CliRun inScope = reveal(concat(base, "--scope-namespace", "sales", sales));
    assertThat(inScope.exit()).as(inScope.err()).isZero();
    assertThat(inScope.out().strip()).isEqualTo(EMAIL);
    CliRun destination = reveal(concat(base, "--scope-namespace", "sales", "--sync", "crm", "--destination", "out", perDestination));
    assertThat(destination.out().strip()).isEqualTo(EMAIL);
    for (CliRun wrong : List.of(reveal(concat(base, sales)), reveal(concat(base, "--scope-namespace", "marketing", sales)),
        reveal(concat(base, "--scope-namespace", "sales", perDestination)))) {
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.out() + wrong.err()).doesNotContain(EMAIL);
    }
    assertThat(reveal(concat(base, "--scope-namespace", "sales", "--sync", "crm", sales)).err())
        .contains("needs both --sync and --destination");
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void refusesHashesAndValuesOfOtherKeysOrFieldsWithoutEchoingThem() throws Exception {
    Contact out = sanitized(new FileKeyStore(state).loadOrCreate("sales", "p"));
    Contact foreign = sanitized(PolicyKeys.generate());
    CliRun r = reveal("--policy", "p", "-n", "sales", "--field", "notes", "--state-dir", state.toString(),
        out.getOrganization(), foreign.getNotes(), out.getNotes());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("value 1: only Tokenize (tok_…) and Encrypt (enc_…) outputs can be revealed; Hash "
        + "outputs are irreversible by design", "value 2: this value was not made with these keys for field 'notes'")
        .doesNotContain(out.getOrganization()).doesNotContain(foreign.getNotes());
    assertThat(r.out().lines().toList()).containsExactly("", "", NOTES);
  }

  @Test
  void saysWhereKeysAreMissing() {
    CliRun r = reveal("--policy", "nope", "-n", "sales", "--field", "notes", "--state-dir", state.toString(), "tok_x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("policy sales/nope has no keys in " + state, "--cluster");
  }
}
