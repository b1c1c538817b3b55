package io.contactsync.sync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ApiLimits;
import org.junit.jupiter.api.Test;

/** The CRD's CEL rule on metadata.name and the validation that reports the same in status agree on the limit. */
class SyncNameLimitTest {
  @Test
  void theCrdRuleAndTheStatusValidationAllowTheSameLength() {
    assertThat(ApiLimits.SYNC_NAME).isEqualTo(SyncValidation.MAX_NAME_LENGTH);
  }
}
