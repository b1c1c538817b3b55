package io.contactsync.operator.resolve;

import io.contactsync.privacy.keys.SealBinding;
import io.contactsync.sync.config.EndpointAddress;

/**
 * What a SealedValueInvalid condition says: which endpoint and key, why, and the exact 'contactsync seal' command
 * that seals the value again for what the spec names now. Never the value, and never the spec's URL itself (a JDBC
 * URL may carry parameters): the command's --url is the address alone, which binds the same.
 */
final class SealedValueMessages {
  private SealedValueMessages() {}

  static String doesNotOpen(String label, SealBinding binding, EndpointAddress address) {
    return label + ": credentials.sealed." + binding.key() + " does not open: it was sealed for another namespace, "
        + "ContactSync, endpoint, key, or host and port (this endpoint contacts " + binding.hostPort()
        + "), or with another operator's key; seal it again with: " + command(binding, address);
  }

  static String v1(String label, SealBinding binding, EndpointAddress address) {
    return label + ": credentials.sealed." + binding.key() + " is a sealed.v1 value, which cannot name a host, so it "
        + "would open for any URL this sync is given; only sealed.v2 values open: seal it again with: "
        + command(binding, address);
  }

  static String unbound(String label, String problem) {
    return label + " has sealed credentials but its url names no address they can be bound to (" + problem
        + "); fix the url, then seal them with 'contactsync seal --endpoint ... --url ...'";
  }

  /** The command line, value on standard input: printf %s "$VALUE" | contactsync seal ... */
  static String command(SealBinding binding, EndpointAddress address) {
    return "contactsync seal --namespace " + binding.namespace() + " --name " + binding.sync() + " --endpoint "
        + binding.endpoint() + " --url '" + address.url() + "' --key " + binding.key();
  }
}
