package io.contactsync.operator.cache;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A managed-fields tree (maps of maps, most of them empty leaves) in a fraction of the memory of the
 * LinkedHashMaps it is read into: each map becomes one array of keys and values, in the same order, and every empty
 * leaf the one shared empty map. Read-only; lookups tolerate null keys as LinkedHashMap does.
 */
final class PackedFields extends AbstractMap<String, Object> {
  private final Object[] keysAndValues;

  private PackedFields(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  /** The same tree, packed; maps already packed and values that are not maps are kept as they are. */
  static Map<String, Object> pack(Map<String, Object> fields) {
    if (fields == null || fields instanceof PackedFields) return fields;
    if (fields.isEmpty()) return Collections.emptyMap();
    Object[] packed = new Object[fields.size() * 2];
    int i = 0;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      packed[i++] = e.getKey();
      packed[i++] = e.getValue() instanceof Map<?, ?> child ? pack(cast(child)) : e.getValue();
    }
    return new PackedFields(packed);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : keysAndValues[at + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  /** Where the key is in the array, or -1; a scan, since these maps hold a few keys each. */
  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) if (Objects.equals(keysAndValues[i], key)) return i;
    return -1;
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return PackedFields.this.size();
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keysAndValues.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (!hasNext()) throw new NoSuchElementException();
            Entry<String, Object> entry = new SimpleImmutableEntry<>((String) keysAndValues[next], keysAndValues[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }
}
