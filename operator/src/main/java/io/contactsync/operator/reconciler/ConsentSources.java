package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.cache.LeanItemStore;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.resolve.SyncReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers of what a sync may use only with its owner's consent: the Secrets labelled for syncs (no other Secret
 * is ever read for credentials) and the Namespaces, for their consent to syncs from other namespaces. Each maps a
 * change to the syncs that name it, so a rotated password or a new consent reaches them within seconds.
 */
final class ConsentSources {
  static final String SECRET_INDEX = "credential-secrets";
  static final String NAMESPACE_INDEX = "service-namespaces";

  private final InformerEventSource<Secret, ContactSync> secrets;
  private final InformerEventSource<Namespace, ContactSync> namespaces;

  ConsentSources(EventSourceContext<ContactSync> context) {
    context.getPrimaryCache().addIndexer(SECRET_INDEX, SyncReferences::credentialSecrets);
    context.getPrimaryCache().addIndexer(NAMESPACE_INDEX, SyncReferences::serviceNamespaces);
    secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, ContactSync.class)
        .withName("credentials")
        .withItemStore(new LeanItemStore<>())
        .withLabelSelector(Names.CREDENTIALS_SELECTOR)
        .withSecondaryToPrimaryMapper(s -> syncs(context, SECRET_INDEX, s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()))
        .build(), context);
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, ContactSync.class)
        .withName("namespaces")
        .withItemStore(new LeanItemStore<>())
        .withSecondaryToPrimaryMapper(n -> syncs(context, NAMESPACE_INDEX, n.getMetadata().getName()))
        .build(), context);
  }

  List<EventSource<?, ContactSync>> eventSources() {
    return List.of(secrets, namespaces);
  }

  Secret secret(String namespace, String name) {
    return secrets.get(new ResourceID(name, namespace)).orElse(null);
  }

  Namespace namespace(String name) {
    return namespaces.get(new ResourceID(name)).orElse(null);
  }

  private static Set<ResourceID> syncs(EventSourceContext<ContactSync> context, String index, String key) {
    return context.getPrimaryCache().byIndex(index, key).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
