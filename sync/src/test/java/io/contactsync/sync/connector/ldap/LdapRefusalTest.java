package io.contactsync.sync.connector.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import io.contactsync.privacy.sanitize.QuarantineReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which refusals hold one entry back and which stop the run, and the attribute named without the value. */
class LdapRefusalTest {
  static final List<String> WRITTEN = List.of("objectClass", "cn", "sn", "mail", "telephoneNumber", "uid");

  static LDAPException refused(ResultCode code, String diagnostic) {
    return new LDAPException(new LDAPResult(1, code, diagnostic, null, (String[]) null, null));
  }

  @Test
  void whatTheServerSaysOfTheEntryHoldsItBack() {
    assertThat(LdapRefusal.of(refused(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "telephoneNumber: value #0 invalid per syntax"),
        WRITTEN)).isEqualTo(new LdapRefusal(QuarantineReason.VALUE_REFUSED, ResultCode.INVALID_ATTRIBUTE_SYNTAX,
            "telephoneNumber"));
    assertThat(LdapRefusal.of(refused(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, "mail: value #1 provided more than once"),
        WRITTEN).reason()).isEqualTo(QuarantineReason.VALUE_REFUSED);
    assertThat(LdapRefusal.of(refused(ResultCode.CONSTRAINT_VIOLATION, null), WRITTEN))
        .isEqualTo(new LdapRefusal(QuarantineReason.VALUE_REFUSED, ResultCode.CONSTRAINT_VIOLATION, null));
    assertThat(LdapRefusal.of(refused(ResultCode.OBJECT_CLASS_VIOLATION,
        "object class 'inetOrgPerson' requires attribute 'sn'"), WRITTEN))
        .isEqualTo(new LdapRefusal(QuarantineReason.SCHEMA_VIOLATION, ResultCode.OBJECT_CLASS_VIOLATION, "sn"));
    assertThat(LdapRefusal.of(refused(ResultCode.UNDEFINED_ATTRIBUTE_TYPE, "x: attribute type undefined"), WRITTEN)
        .reason()).isEqualTo(QuarantineReason.SCHEMA_VIOLATION);
  }

  @Test
  void theConnectionTheBindAndABusyServerStopTheRun() {
    for (ResultCode code : List.of(ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR, ResultCode.TIMEOUT, ResultCode.BUSY,
        ResultCode.UNAVAILABLE, ResultCode.UNWILLING_TO_PERFORM, ResultCode.INVALID_CREDENTIALS,
        ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ResultCode.NO_SUCH_OBJECT, ResultCode.ENTRY_ALREADY_EXISTS,
        ResultCode.ADMIN_LIMIT_EXCEEDED, ResultCode.OTHER)) {
      assertThat(LdapRefusal.of(refused(code, "mail: whatever"), WRITTEN)).as(code.getName()).isNull();
    }
  }

  @Test
  void onlyANameTheEntryWasWrittenWithIsEverTaken() {
    // a diagnostic that quotes a value before the attribute's name: the value is no attribute of the entry
    assertThat(LdapRefusal.attributeNamed(refused(ResultCode.CONSTRAINT_VIOLATION,
        "Hopper: value 'grace@example.com' of mail is too long"), WRITTEN)).isEqualTo("mail");
    assertThat(LdapRefusal.attributeNamed(refused(ResultCode.CONSTRAINT_VIOLATION, "Hopper: too long"), WRITTEN)).isNull();
  }
}
