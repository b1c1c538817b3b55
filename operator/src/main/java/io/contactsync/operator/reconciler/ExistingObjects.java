package io.contactsync.operator.reconciler;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names.OwnedName;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.function.Function;

/**
 * What exists under one of a sync's names. The dependents' caches hold only what the sync already owns, so a name
 * found there costs nothing; only a name not (yet) in them is read from the API, which happens until the sync's
 * object exists, or while somebody else's object holds the name.
 */
final class ExistingObjects implements Function<OwnedName, ObjectMeta> {
  private final Context<ContactSync> context;

  ExistingObjects(Context<ContactSync> context) {
    this.context = context;
  }

  @Override
  public ObjectMeta apply(OwnedName name) {
    String namespace = context.getPrimaryResource().getMetadata().getNamespace();
    return context.getSecondaryResources(name.type()).stream().map(HasMetadata::getMetadata)
        .filter(m -> name.name().equals(m.getName()) && namespace.equals(m.getNamespace())).findFirst()
        .orElseGet(() -> {
          HasMetadata found = context.getClient().resources(name.type()).inNamespace(namespace).withName(name.name()).get();
          return found == null ? null : found.getMetadata();
        });
  }
}
