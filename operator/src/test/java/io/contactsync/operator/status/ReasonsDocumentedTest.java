package io.contactsync.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every condition type and reason the operator writes is explained in docs/troubleshooting.md. */
class ReasonsDocumentedTest {
  @Test
  void everyReasonHasItsLineInTroubleshooting() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "troubleshooting.md"));
    List<String> undocumented = new ArrayList<>();
    for (Field field : Reasons.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) continue;
      String reason = (String) field.get(null);
      if (!doc.contains("`" + reason + "`")) undocumented.add(field.getName() + " = " + reason);
    }
    assertThat(undocumented).as("reasons without a line in docs/troubleshooting.md").isEmpty();
  }
}
