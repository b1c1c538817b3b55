package io.contactsync.operator.desired;

/** Where a sync pod finds what the operator gives it; the CronJob mounts and the worker's arguments agree on these. */
public final class PodPaths {
  public static final String JOB_DIR = "/etc/contactsync/job";
  public static final String JOB_FILE = "job.json";
  public static final String STATE_DIR = "/etc/contactsync/state";
  public static final String CHECKPOINT_FILE = "checkpoint.json";
  public static final String SECRET_DIR = "/etc/contactsync/secret";
  public static final String KEYS_SUBDIR = "keys";
  public static final String CREDENTIALS_SUBDIR = "credentials";
  public static final String TERMINATION_LOG = "/dev/termination-log";

  private PodPaths() {}
}
