package io.contactsync.sync.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.ResultCode;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Held-back entries are counted by reason and named by id and attribute, with a bounded number of log lines. */
class LdapHeldBackTest {
  @Test
  void everyEntryIsCountedAndTheFirstFewNamedThenTotalled() {
    LdapHeldBack held = new LdapHeldBack("destination 'd'");
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < LdapHeldBack.LINES + 5; i++) {
        held.add("id" + i, new LdapRefusal(QuarantineReason.VALUE_REFUSED, ResultCode.INVALID_ATTRIBUTE_SYNTAX,
            "telephoneNumber"));
      }
      held.add("other", new LdapRefusal(QuarantineReason.SCHEMA_VIOLATION, ResultCode.UNDEFINED_ATTRIBUTE_TYPE, null));
      held.logTotals();
    } finally {
      System.setErr(err);
    }
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(l -> l.contains("is held back"))).hasSize(LdapHeldBack.LINES);
    assertThat(printed).contains("uid=id0 is held back (ValueRefused): the server refused telephoneNumber")
        .doesNotContain("uid=id" + LdapHeldBack.LINES + " ")
        .contains("26 entries held back in all (20 named above): {SchemaViolation an attribute the server does not name=1,"
            + " ValueRefused telephoneNumber=25}");
    assertThat(held.byReason()).isEqualTo(Map.of("ValueRefused", 25L, "SchemaViolation", 1L));
    held.clear();
    assertThat(held.byReason()).isEmpty();
  }
}
