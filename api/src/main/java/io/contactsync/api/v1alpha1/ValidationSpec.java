package io.contactsync.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Checks and clean-ups applied to every contact before the rules. Unicode NFC and the removal of control and
 * bidirectional-override characters always apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationSpec {
  @Default("Quarantine")
  @JsonPropertyDescription("What an email address that is not valid syntax does: Quarantine the contact or DropValue.")
  private InvalidValueAction email;

  @JsonPropertyDescription("Phone number normalization and what an invalid number does.")
  private PhoneValidationSpec phone;

  @Default("true")
  @JsonPropertyDescription("Remove HTML/XML markup (tags, and script/style elements with their content) from text.")
  private Boolean stripMarkup;

  // no default: unset is its own meaning (only where formulas run), which neither true nor false can express
  @JsonPropertyDescription("Prefix values starting with = + - @ (or a tab or carriage return) with ' so spreadsheets do "
      + "not run them as formulas. Unset: only in destinations that spreadsheets open (CSV files); true: in every "
      + "destination; false: in none. E.164 phone numbers are left as they are.")
  private Boolean neutralizeFormulas;

  @Default("1024")
  @Min(1)
  @Max(1048576)
  @JsonPropertyDescription("Longest value, in characters, after cleaning.")
  private Integer maxFieldLength;

  @Default("Quarantine")
  @JsonPropertyDescription("What a value longer than maxFieldLength does: Quarantine the contact or DropValue.")
  private InvalidValueAction tooLong;

  public InvalidValueAction getEmail() { return email; }
  public void setEmail(InvalidValueAction email) { this.email = email; }
  public PhoneValidationSpec getPhone() { return phone; }
  public void setPhone(PhoneValidationSpec phone) { this.phone = phone; }
  public Boolean getStripMarkup() { return stripMarkup; }
  public void setStripMarkup(Boolean stripMarkup) { this.stripMarkup = stripMarkup; }
  public Boolean getNeutralizeFormulas() { return neutralizeFormulas; }
  public void setNeutralizeFormulas(Boolean neutralizeFormulas) { this.neutralizeFormulas = neutralizeFormulas; }
  public Integer getMaxFieldLength() { return maxFieldLength; }
  public void setMaxFieldLength(Integer maxFieldLength) { this.maxFieldLength = maxFieldLength; }
  public InvalidValueAction getTooLong() { return tooLong; }
  public void setTooLong(InvalidValueAction tooLong) { this.tooLong = tooLong; }
}
