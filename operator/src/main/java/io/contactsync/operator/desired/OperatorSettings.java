package io.contactsync.operator.desired;

/**
 * What the desired state depends on besides the resources themselves.
 *
 * @param image the image of the sync pods: the operator's own, so they never drift apart
 * @param cronJobTimeZones whether the cluster's CronJob has spec.timeZone (Kubernetes 1.27+)
 * @param bounds what the cluster admin lets any sync ask for
 */
public record OperatorSettings(String image, String imagePullPolicy, boolean cronJobTimeZones, AdminBounds bounds) {
  /** With the default admin bounds. */
  public OperatorSettings(String image, String imagePullPolicy, boolean cronJobTimeZones) {
    this(image, imagePullPolicy, cronJobTimeZones, AdminBounds.DEFAULTS);
  }
}
