package io.contactsync.privacy.policy;

import java.util.List;

/** A policy that does not compile, with every problem found. */
public final class PolicyCompilationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public PolicyCompilationException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() { return problems; }
}
