package io.contactsync.sync.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A CSV whose first row is not a header of field paths is refused by column position, never by the row's values. */
class CsvHeaderTest {
  private static void read(String csv) throws Exception {
    new CsvFormat().reader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))).close();
  }

  @Test
  void aMissingHeaderIsRefusedWithoutPrintingTheContactItStartsWith() {
    assertThatThrownBy(() -> read("c-1,Ada CANARY,ada.canary@example.com\nc-2,Alan,alan@example.com\n"))
        .isInstanceOf(ContactFormat.UnsupportedFormatException.class)
        .hasMessageContaining("column(s) [1, 2, 3] of 3").hasMessageNotContaining("CANARY").hasMessageNotContaining("@");
  }

  @Test
  void anEmptyColumnNameIsRefusedWithoutEchoingTheRow() {
    assertThatThrownBy(() -> read("id,,CANARY-secret\nx,y,z\n")).isInstanceOf(ContactFormat.UnsupportedFormatException.class)
        .hasMessageContaining("empty or repeated column name").hasMessageNotContaining("CANARY");
  }

  @Test
  void aListColumnWithoutItsPartIsAnUnknownColumn() {
    // found by ReadersFuzzTest: "addresses[0]" alone made the header check throw a NullPointerException
    assertThatThrownBy(() -> read("id,addresses[0]\nx,y\n")).isInstanceOf(ContactFormat.UnsupportedFormatException.class)
        .hasMessageContaining("column(s) [2] of 2");
  }

  @Test
  void aRowShorterThanARepeatedHeaderIsQuarantined() throws Exception {
    // found by ReadersFuzzTest: a repeated column name made a short row pass as complete, then overrun the header
    try (ContactReader reader = new CsvFormat().reader(new ByteArrayInputStream(
        "id,notes,notes\nx,y\n".getBytes(StandardCharsets.UTF_8)))) {
      org.assertj.core.api.Assertions.assertThat(reader.next().quarantined()).isTrue();
    }
  }
}
