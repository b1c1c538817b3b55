package io.contactsync.privacy.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSyntaxTest {
  @ParameterizedTest
  @CsvSource({
      "ada@example.com, ada@example.com",
      "Ada.Lovelace@Example.COM, Ada.Lovelace@example.com",
      "o'brien+tag@mail.example.co.uk, o'brien+tag@mail.example.co.uk",
      "jörg@bücher.de, jörg@bücher.de",
      "x@a-b.io, x@a-b.io",
      "jörg@BÜCHER.De, jörg@bücher.de",
      "Ada@EXAMPLE.com, Ada@example.com",
      "a@b.c1, a@b.c1"})
  void validAddressesKeepTheirLocalPartAndLowerCaseTheDomain(String in, String out) {
    assertThat(EmailSyntax.normalize(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "@example.com", "ada@", "ada@@example.com", "ada@example", "ada@.example.com",
      "ada@example..com", "ada.@example.com", ".ada@example.com", "a..b@example.com", "ada@-example.com",
      "ada@example.com-", "\"quoted\"@example.com", "ada@[127.0.0.1]", "ada@example.123", "=cmd@example.com",
      "-x@example.com", "a b@example.com", "ada@exa mple.com", "<script>@example.com", "ada@example.com\n",
      "ada@example.c", "ada@example.١٢٣", "ada@example.com.", "ada@example.-com", "ada@example.co-", "ad@a@example.com"})
  void invalidAddressesAreRejected(String address) {
    assertThat(EmailSyntax.normalize(address)).isNull();
  }

  @org.junit.jupiter.api.Test
  void overlongPartsAreRejected() {
    assertThat(EmailSyntax.normalize("a".repeat(65) + "@example.com")).isNull();
    assertThat(EmailSyntax.normalize("a@" + "b".repeat(64) + ".com")).isNull();
    assertThat(EmailSyntax.normalize("a@" + "b.".repeat(130) + "com")).isNull();
  }
}
