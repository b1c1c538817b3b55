package io.contactsync.sync.format;

import ezvcard.VCard;
import ezvcard.parameter.VCardParameter;
import ezvcard.property.RawProperty;
import ezvcard.property.VCardProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of a typed vCard property beyond its first type: every TYPE value, PREF (RFC 6350) or TYPE=pref (RFC
 * 2426), and a client's own label, which Apple and Android write as X-ABLabel in the property's group (item1.TEL,
 * item1.X-ABLabel).
 */
final class VcardLabels {
  static final String LABEL_PROPERTY = "X-ABLABEL";

  private VcardLabels() {}

  /** The labels of a card by group, lower case; empty (and no allocation) for a card without any. */
  static Map<String, String> read(VCard card) {
    List<RawProperty> raw = card.getExtendedProperties(LABEL_PROPERTY);
    if (raw.isEmpty()) return Map.of();
    Map<String, String> labels = new HashMap<>();
    for (RawProperty p : raw) {
      if (p.getGroup() != null && p.getValue() != null && !p.getValue().isBlank()) {
        labels.put(p.getGroup().toLowerCase(Locale.ROOT), p.getValue());
      }
    }
    return labels;
  }

  /** Fills every type (lower case, pref apart), the preference and the label of one property. */
  static void typed(VCardProperty p, List<? extends VCardParameter> types, Map<String, String> labels, List<String> out,
      Consumer<String> pref, Consumer<String> label) {
    boolean prefType = false;
    for (VCardParameter t : types) {
      if (t.getValue() == null || t.getValue().isBlank()) continue;
      String v = t.getValue().toLowerCase(Locale.ROOT);
      if (v.equals("pref")) prefType = true; else if (!out.contains(v)) out.add(v);
    }
    Integer level = p.getParameters().getPref();
    if (level != null) pref.accept(level.toString()); else if (prefType) pref.accept("1");
    if (p.getGroup() != null && !labels.isEmpty()) label.accept(labels.get(p.getGroup().toLowerCase(Locale.ROOT)));
  }

  /** Writes preferences and labels; a label takes a group of its own, item1, item2 … */
  static final class Writer {
    private final VCard card;
    private int groups;

    Writer(VCard card) {
      this.card = card;
    }

    void typed(VCardProperty p, String pref, String label) {
      if (pref != null) {
        try {
          int level = Integer.parseInt(pref.strip());
          if (level >= 1 && level <= 100) p.getParameters().setPref(level);
        } catch (NumberFormatException e) {
          // not a preference RFC 6350 can carry (1-100): the card goes without it
        }
      }
      if (label != null) {
        String group = "item" + (++groups);
        p.setGroup(group);
        card.addExtendedProperty(LABEL_PROPERTY, label).setGroup(group);
      }
    }
  }
}
