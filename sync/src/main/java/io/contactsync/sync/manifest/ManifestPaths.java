package io.contactsync.sync.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where in a manifest a problem is, in words for people: list items counted from 1 as every other message does
 * ("spec.rules (rule 1).action"), syntax errors by file, line and column, and no Java class names.
 */
final class ManifestPaths {
  private static final Map<String, String> ITEM_NOUNS = Map.of("rules", "rule", "destinations", "destination",
      "fields", "field", "columns", "column", "egress", "egress entry", "namespaces", "namespace");

  private ManifestPaths() {}

  /** The path of the problem in the document, leaving out its last {@code dropLast} steps. */
  static String of(Exception e, int dropLast) {
    if (!(e instanceof JsonMappingException m)) return "?";
    StringBuilder out = new StringBuilder();
    List<JsonMappingException.Reference> refs = m.getPath();
    String list = null;
    for (var ref : refs.subList(0, Math.max(0, refs.size() - dropLast))) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) out.append('.');
        out.append(ref.getFieldName());
        list = ref.getFieldName();
      } else if (ref.getIndex() >= 0) {
        out.append(" (").append(ITEM_NOUNS.getOrDefault(list, "item")).append(' ').append(ref.getIndex() + 1).append(')');
      }
    }
    return out.length() == 0 ? "the top level" : out.toString();
  }

  /** A value of the wrong kind: the value and, for a choice, the allowed values; never a Java type. */
  static String badValue(InvalidFormatException e) {
    String value = String.valueOf(e.getValue());
    Class<?> type = e.getTargetType();
    if (type != null && type.isEnum()) {
      String allowed = Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
      String sameIgnoringCase = Arrays.stream(type.getEnumConstants()).map(String::valueOf)
          .filter(v -> v.equalsIgnoreCase(value)).findFirst().map(v -> " (values are case-sensitive: " + v + ")").orElse("");
      return "'" + value + "' is not allowed" + sameIgnoringCase + "; use one of " + allowed;
    }
    String expected = type == null ? "a different value"
        : Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class ? "a number"
        : type == Boolean.class || type == boolean.class ? "true or false" : "a " + type.getSimpleName().toLowerCase();
    return "'" + value + "' is not " + expected;
  }

  /** A YAML syntax error: file:line:column, what the parser expected, and where the construct it was in began. */
  static String syntaxError(Path file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = file + (at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    // SnakeYAML's message: "<context>\n in 'reader', line L, column C:\n <excerpt>\n <problem>\n in 'reader', …".
    String[] lines = message.split("\n");
    String context = lines.length > 0 ? lines[0].trim() : "";
    String problem = Arrays.stream(lines).skip(1).map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.equals("^") && isProse(l)).reduce((a, b) -> b)
        .orElse(context);
    String began = Arrays.stream(lines).map(String::trim).filter(l -> l.startsWith("in 'reader', line")).findFirst()
        .map(l -> l.replaceFirst("in 'reader', line (\\d+), column (\\d+):?", "$1:$2")).orElse(null);
    String hint = problem.contains("found '<block mapping start>'") || problem.contains("mapping values are not allowed")
        ? " (check the indentation: keys of one mapping start in the same column, with spaces, not tabs)" : "";
    return where + ": not valid YAML: " + problem + (problem.equals(context) || context.isEmpty() ? ""
        : ", " + context + (began == null ? "" : " that begins at line " + began.replaceFirst(":", ", column ")))
        + hint;
  }

  /** Parser prose, not the excerpt of the manifest it quotes (which could hold a value). */
  private static boolean isProse(String line) {
    return line.startsWith("expected ") || line.startsWith("found ") || line.startsWith("mapping values ")
        || line.startsWith("could not ") || line.startsWith("did not ") || line.startsWith("while ")
        || line.startsWith("special characters") || line.contains("cannot start any token");
  }
}
