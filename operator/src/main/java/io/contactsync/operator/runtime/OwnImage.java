package io.contactsync.operator.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * The image the sync pods run: the operator's own, so the two never drift apart in version. Taken from the
 * operator's Pod (POD_NAME, POD_NAMESPACE) when it runs in one, so that changing the Deployment's image
 * (`kustomize edit set image`, a Helm value) is enough; an explicit --image or CONTACTSYNC_IMAGE wins.
 */
public final class OwnImage {
  static final String OPERATOR_CONTAINER = "operator";

  private OwnImage() {}

  /** The operator container's image in {@code pod}: the container named "operator", else the only one. */
  public static Optional<String> of(Pod pod) {
    if (pod == null || pod.getSpec() == null) return Optional.empty();
    var containers = pod.getSpec().getContainers();
    return containers.stream().filter(c -> OPERATOR_CONTAINER.equals(c.getName())).findFirst()
        .or(() -> containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty())
        .map(Container::getImage);
  }

  /** The operator's own Pod's image, or empty outside a Pod or when the Pod cannot be read. */
  public static Optional<String> lookUp(KubernetesClient client, String namespace, String podName) {
    if (podName == null || podName.isBlank()) return Optional.empty();
    try {
      return of(client.pods().inNamespace(namespace).withName(podName).get());
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
