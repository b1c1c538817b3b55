package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.PrivacyPolicy;
import io.contactsync.operator.desired.AdminBounds;
import io.contactsync.operator.egress.Cidr;
import io.contactsync.privacy.keys.SealingKeys;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.util.List;

/** What resolving a ContactSync's references reads; the operator backs it with caches and the API, tests with maps. */
public interface Lookups {
  PrivacyPolicy policy(String namespace, String name);

  Secret secret(String namespace, String name);

  /**
   * A Secret its writer labelled for use as credentials (see {@link Consent}), or null. The operator answers from a
   * cache of labelled Secrets only, so naming any other Secret reads nothing with the operator's rights.
   */
  Secret credentialsSecret(String namespace, String name);

  /** A Namespace, for its consent to syncs from other namespaces, or null. */
  Namespace namespace(String name);

  Service service(String namespace, String name);

  /** The operator's sealing keys, which open sealed credentials. */
  SealingKeys sealingKeys();

  /** The addresses of an external host. */
  List<String> addresses(String host) throws IOException;

  /** What the cluster admin lets any sync ask for (the operator's flags). */
  AdminBounds bounds();
  /**
   * The API server's addresses as pods reach them (the ClusterIPs of Service default/kubernetes and the addresses of
   * its Endpoints), as host ranges. Fails rather than answer without them: egress is never checked against less.
   */
  List<Cidr> apiServerAddresses();
}
