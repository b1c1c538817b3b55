package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.operator.resolve.Lookups;
import io.contactsync.operator.runtime.SealingKeyring;
import io.contactsync.privacy.keys.SealingKeys;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Lookups backed by the operator's informer caches (policies, policy keys, consented Secrets, namespaces), reads of the
 * API and DNS, and the API server's addresses read once a minute.
 */
final class ClusterLookups implements Lookups {
  private final InformerEventSource<PrivacyPolicy, ContactSync> policies;
  private final InformerEventSource<Secret, ContactSync> policyKeys;
  private final ConsentSources consent;
  private final KubernetesClient client;
  private final SealingKeyring sealingKeys;
  private final AdminBounds bounds;
  private final ApiServerAddresses apiServer;

  ClusterLookups(InformerEventSource<PrivacyPolicy, ContactSync> policies, InformerEventSource<Secret, ContactSync> policyKeys,
      ConsentSources consent, KubernetesClient client, SealingKeyring sealingKeys, AdminBounds bounds,
      ApiServerAddresses apiServer) {
    this.policies = policies;
    this.policyKeys = policyKeys;
    this.consent = consent;
    this.client = client;
    this.sealingKeys = sealingKeys;
    this.bounds = bounds;
    this.apiServer = apiServer;
  }

  @Override
  public AdminBounds bounds() {
    return bounds;
  }

  @Override
  public SealingKeys sealingKeys() {
    return sealingKeys.current();
  }

  @Override
  public PrivacyPolicy policy(String namespace, String name) {
    return policies.get(new ResourceID(name, namespace)).orElse(null);
  }

  @Override
  public Secret secret(String namespace, String name) {
    return policyKeys.get(new ResourceID(name, namespace))
        .orElseGet(() -> client.secrets().inNamespace(namespace).withName(name).get());
  }

  /** Only from the cache of Secrets labelled for syncs: a Secret without its writer's consent is never read. */
  @Override
  public Secret credentialsSecret(String namespace, String name) {
    return consent.secret(namespace, name);
  }

  @Override
  public Namespace namespace(String name) {
    return consent.namespace(name);
  }

  @Override
  public Service service(String namespace, String name) {
    return client.services().inNamespace(namespace).withName(name).get();
  }

  @Override
  public List<Cidr> apiServerAddresses() {
    return apiServer.get(client);
  }

  @Override
  public List<String> addresses(String host) throws IOException {
    try {
      // as an absolute name: through the pod's DNS search list, "pg.other" would be the Service pg.other.svc
      String absolute = host.endsWith(".") ? host : host + ".";
      return Arrays.stream(InetAddress.getAllByName(absolute)).map(InetAddress::getHostAddress).toList();
    } catch (UnknownHostException e) {
      throw new IOException("unknown host");
    }
  }
}
