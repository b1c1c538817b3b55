package io.contactsync.privacy.policy;

import io.contactsync.privacy.keys.PolicyKeys;

final class PolicyCompilerTestSupport {
  static CompiledPolicy compile(PolicyDefinition definition, PolicyKeys keys) {
    try {
      return PolicyCompiler.compile(definition, keys);
    } catch (PolicyCompilationException e) {
      throw new AssertionError(e.problems().toString(), e);
    }
  }

  private PolicyCompilerTestSupport() {}
}
