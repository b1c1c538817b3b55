package io.contactsync.operator.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.sync.config.SyncValidation;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** A sync named at the longest name validation admits gets objects whose names the API server takes. */
class DerivedNamesTest {
  /** What the CronJob controller adds to the names of its Jobs: "-" and the scheduled minute. */
  private static final int CRON_JOB_SUFFIX = 11;
  /** The longest label value: a Job's name is its pods' job-name label. */
  private static final int LABEL_VALUE = 63;

  @Test
  void everyObjectOfASyncNamedAtTheLimitFitsItsNameLimit() {
    ContactSync sync = new ContactSync();
    sync.setMetadata(new ObjectMetaBuilder().withName("a".repeat(SyncValidation.MAX_NAME_LENGTH)).withNamespace("team").build());
    assertThat(Names.cronJob(sync).length() + CRON_JOB_SUFFIX).as("scheduled Jobs").isLessThanOrEqualTo(LABEL_VALUE);
    assertThat(Names.requestedRunJob(sync, "2026-12-02T16:00:00Z")).as("requested Jobs").hasSizeLessThanOrEqualTo(LABEL_VALUE);
    Names.ownedNames(sync).forEach(owned -> assertThat(owned.name()).as(owned.kind()).hasSizeLessThanOrEqualTo(LABEL_VALUE));
    assertThat(Names.labels(sync, "sync").values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(LABEL_VALUE));
  }

  @Test
  void distinctRequestsNameDistinctJobsAndTheSameRequestTheSameJob() {
    ContactSync sync = new ContactSync();
    sync.setMetadata(new ObjectMetaBuilder().withName("crm").withNamespace("team").build());
    assertThat(Names.requestedRunJob(sync, "1")).isEqualTo(Names.requestedRunJob(sync, "1"))
        .isNotEqualTo(Names.requestedRunJob(sync, "2")).matches("crm-r[0-9a-f]{8}");
  }
}
