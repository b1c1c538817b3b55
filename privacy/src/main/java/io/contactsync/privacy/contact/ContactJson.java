package io.contactsync.privacy.contact;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/** The canonical JSON form of a contact: one object, fields in the documented order, absent values left out. */
public final class ContactJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .addModule(new SimpleModule().addDeserializer(String.class, new EmptyAsAbsent()))
      .build();
  private static final ObjectReader READER = MAPPER.readerFor(Contact.class);
  private static final ObjectWriter WRITER = MAPPER.writerFor(Contact.class);

  /** Parses one contact. The exception message names the problem's position, never the values. */
  public static Contact parse(String json) throws InvalidContactJsonException {
    try {
      Contact contact = READER.readValue(json);
      if (contact == null) throw new InvalidContactJsonException("not a JSON object");
      return contact;
    } catch (JsonProcessingException e) {
      throw new InvalidContactJsonException(describe(e));
    }
  }

  public static String write(Contact contact) {
    try {
      return WRITER.writeValueAsString(contact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a contact could not be written as JSON", e);
    }
  }

  private static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where = location == null ? "" : " at column " + location.getColumnNr();
    return e.getClass().getSimpleName().replace("Exception", "") + where;
  }

  /** A line that is not a canonical contact. */
  public static final class InvalidContactJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidContactJsonException(String message) {
      super(message);
    }
  }

  /** In the canonical form an empty string and an absent value mean the same: both read as null. */
  private static final class EmptyAsAbsent extends StringDeserializer {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String s = super.deserialize(p, ctxt);
      return s == null || s.isEmpty() ? null : s;
    }
  }

  private ContactJson() {}
}
