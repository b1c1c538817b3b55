package io.contactsync.sync.config;

import java.util.List;

/** Something the user must fix in what they declared; the message says what. */
public final class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigurationException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() { return problems; }
}
