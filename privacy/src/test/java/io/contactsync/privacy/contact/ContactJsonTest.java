package io.contactsync.privacy.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactsync.privacy.Fixtures;
import org.junit.jupiter.api.Test;

class ContactJsonTest {
  @Test
  void theDesignExampleRoundTrips() throws Exception {
    String json = "{\"id\":\"c-1\",\"name\":{\"prefix\":\"\",\"given\":\"Ada\",\"middle\":\"\",\"family\":\"Lovelace\",\"suffix\":\"\"},"
        + "\"formattedName\":\"Ada Lovelace\",\"nickname\":\"\",\"emails\":[{\"type\":\"work\",\"value\":\"ada@example.com\"}],"
        + "\"phones\":[{\"type\":\"mobile\",\"value\":\"+44 20 7946 0958\"}],"
        + "\"addresses\":[{\"type\":\"home\",\"street\":\"12 St James's Sq\",\"locality\":\"London\",\"region\":\"\","
        + "\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}],\"organization\":\"Analytical Engines Ltd\",\"title\":\"Countess\","
        + "\"birthday\":\"1815-12-10\",\"notes\":\"free text\",\"categories\":[\"vip\"],\"custom\":{\"crmId\":\"123\"},"
        + "\"updatedAt\":\"2026-11-01T10:00:00Z\"}";
    Contact parsed = ContactJson.parse(json);
    assertThat(parsed.getName().getGiven()).isEqualTo("Ada");
    assertThat(parsed.getAddresses().get(0).getPostalCode()).isEqualTo("SW1Y 4JH");
    assertThat(parsed.getCustom()).containsEntry("crmId", "123");
    assertThat(ContactJson.parse(ContactJson.write(parsed))).isEqualTo(parsed);
  }

  @Test
  void writesFieldsInTheDocumentedOrderAndLeavesAbsentOnesOut() {
    Contact c = new Contact();
    c.setId("x");
    c.setTitle("Dr");
    c.setFormattedName("A B");
    assertThat(ContactJson.write(c)).isEqualTo("{\"id\":\"x\",\"formattedName\":\"A B\",\"title\":\"Dr\"}");
    assertThat(ContactJson.write(Fixtures.ada())).startsWith("{\"id\":\"c-1\",\"name\":{\"given\":\"Ada\",\"family\":\"Lovelace\"},"
        + "\"formattedName\":");
  }

  @Test
  void brokenJsonIsReportedWithoutItsContent() {
    assertThatThrownBy(() -> ContactJson.parse("{\"notes\": \"secret-canary-7\""))
        .isInstanceOf(ContactJson.InvalidContactJsonException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-canary-7"));
    assertThatThrownBy(() -> ContactJson.parse("[1,2]")).isInstanceOf(ContactJson.InvalidContactJsonException.class);
  }

  @Test
  void toStringNeverShowsValues() {
    assertThat(Fixtures.ada().toString()).doesNotContain("Ada").doesNotContain("Lovelace");
  }
}
