package io.contactsync.operator.resolve;

import io.contactsync.api.v1alpha1.ContactSync;
import io.contactsync.operator.naming.Names;
import io.contactsync.operator.naming.Names.OwnedName;
import io.contactsync.operator.status.Reasons;
import io.contactsync.sync.config.Violation;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names of a sync's objects that objects it does not own already hold. The operator never takes such an object
 * over: a tenant who may only write ContactSyncs would otherwise overwrite, through the operator, an object they may
 * not write, and have the garbage collector delete it with the sync.
 *
 * @param taken the owned names held by another owner's object
 */
public record TakenNames(List<OwnedName> taken) {
  public static final TakenNames NONE = new TakenNames(List.of());

  /** Checks each owned name against what exists: {@code existing} answers an object's metadata, or null when absent. */
  public static TakenNames of(ContactSync sync, Function<OwnedName, ObjectMeta> existing) {
    String uid = sync.getMetadata().getUid();
    return new TakenNames(Names.ownedNames(sync).stream().filter(name -> {
      ObjectMeta meta = existing.apply(name);
      return meta != null && (uid == null || Optional.ofNullable(meta.getOwnerReferences()).orElse(List.of()).stream()
          .noneMatch(owner -> uid.equals(owner.getUid())));
    }).toList());
  }

  public boolean isTaken(OwnedName name) {
    return taken.contains(name);
  }

  public List<Violation> violations(ContactSync sync) {
    if (taken.isEmpty()) return List.of();
    String names = taken.stream().map(n -> n.kind() + " " + n.name()).collect(Collectors.joining(", "));
    return List.of(new Violation(Reasons.NAME_TAKEN, names + " already exist" + (taken.size() == 1 ? "s" : "") + " in "
        + sync.getMetadata().getNamespace() + " and do" + (taken.size() == 1 ? "es" : "") + " not belong to this "
        + "ContactSync; the operator never takes over an object it did not create: rename the ContactSync, or have "
        + "that object's owner remove it"));
  }
}
