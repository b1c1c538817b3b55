package io.contactsync.privacy.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The canonical contact every connector maps to and from, so a policy is written once for all of them.
 * Its JSON form (one per line in .jsonl files) is part of the public interface; absent values are null.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"id", "name", "formattedName", "nickname", "emails", "phones", "addresses", "urls", "impp", "organization", "organizationUnits", "title", "otherOrganizations",
    "otherTitles",
    "birthday", "anniversary", "kind", "gender", "photo", "geo", "timeZone", "languages", "keys", "related", "notes", "categories", "custom", "updatedAt"})
public final class Contact {
  private String id;
  private Name name;
  private String formattedName;
  private String nickname;
  private List<TypedValue> emails = new ArrayList<>();
  private List<TypedValue> phones = new ArrayList<>();
  private List<Address> addresses = new ArrayList<>();
  /** Web pages (URL), typed like emails. */
  private List<TypedValue> urls = new ArrayList<>(0);
  /** Instant messaging addresses as URIs (IMPP: xmpp:, skype: …). */
  private List<TypedValue> impp = new ArrayList<>(0);
  /** Languages the contact speaks (LANG), pref ordering them. */
  private List<TypedValue> languages = new ArrayList<>(0);
  /** Public keys or certificates (KEY), as a URI or data: URI. */
  private List<TypedValue> keys = new ArrayList<>(0);
  /** Related people (RELATED, X-ABRELATEDNAMES), the relation in types or label. */
  private List<TypedValue> related = new ArrayList<>(0);
  /** A date like birthday. */
  private String anniversary;
  /** individual, group, org or location (RFC 6350 KIND). */
  private String kind;
  /** RFC 6350 GENDER: a sex letter (M, F, O, N, U), then ;identity text where given. */
  private String gender;
  /** A URI or a data: URI; larger than the policy engine allows, it is dropped (and counted). */
  private String photo;
  /** A geo: URI. */
  private String geo;
  /** A UTC offset (-05:00) or a time zone name. */
  private String timeZone;
  /** The name of the (first) organization; its units apart, outermost first. */
  private String organization;
  private List<String> organizationUnits = new ArrayList<>(0);
  private String title;
  /** Where a source has more than one ORG or TITLE, the second and later ones. */
  private List<Organization> otherOrganizations = new ArrayList<>(0);
  private List<String> otherTitles = new ArrayList<>(0);
  private String birthday;
  private String notes;
  private List<String> categories = new ArrayList<>();
  private Map<String, String> custom = new LinkedHashMap<>();
  private String updatedAt;

  /** A deep copy. */
  public Contact copy() {
    Contact c = new Contact();
    c.id = id;
    c.name = name == null ? null : name.copy();
    c.formattedName = formattedName;
    c.nickname = nickname;
    emails.forEach(e -> c.emails.add(e.copy()));
    phones.forEach(p -> c.phones.add(p.copy()));
    addresses.forEach(a -> c.addresses.add(a.copy()));
    urls.forEach(u -> c.urls.add(u.copy()));
    impp.forEach(v -> c.impp.add(v.copy()));
    languages.forEach(v -> c.languages.add(v.copy()));
    keys.forEach(v -> c.keys.add(v.copy()));
    related.forEach(v -> c.related.add(v.copy()));
    c.anniversary = anniversary;
    c.kind = kind;
    c.gender = gender;
    c.photo = photo;
    c.geo = geo;
    c.timeZone = timeZone;
    c.organization = organization;
    c.organizationUnits.addAll(organizationUnits);
    c.title = title;
    otherOrganizations.forEach(o -> c.otherOrganizations.add(o.copy()));
    c.otherTitles.addAll(otherTitles);
    c.birthday = birthday;
    c.notes = notes;
    c.categories.addAll(categories);
    c.custom.putAll(custom);
    c.updatedAt = updatedAt;
    return c;
  }

  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public Name getName() { return name; }
  public void setName(Name name) { this.name = name; }
  public String getFormattedName() { return formattedName; }
  public void setFormattedName(String formattedName) { this.formattedName = formattedName; }
  public String getNickname() { return nickname; }
  public void setNickname(String nickname) { this.nickname = nickname; }
  public List<TypedValue> getEmails() { return emails; }
  public void setEmails(List<TypedValue> emails) { this.emails = emails == null ? new ArrayList<>() : emails; }
  public List<TypedValue> getPhones() { return phones; }
  public void setPhones(List<TypedValue> phones) { this.phones = phones == null ? new ArrayList<>() : phones; }
  public List<Address> getAddresses() { return addresses; }
  public void setAddresses(List<Address> addresses) { this.addresses = addresses == null ? new ArrayList<>() : addresses; }
  public List<TypedValue> getUrls() { return urls; }
  public void setUrls(List<TypedValue> urls) { this.urls = urls == null ? new ArrayList<>(0) : urls; }
  public List<TypedValue> getImpp() { return impp; }
  public void setImpp(List<TypedValue> impp) { this.impp = impp == null ? new ArrayList<>(0) : impp; }
  public List<TypedValue> getLanguages() { return languages; }
  public void setLanguages(List<TypedValue> languages) { this.languages = languages == null ? new ArrayList<>(0) : languages; }
  public List<TypedValue> getKeys() { return keys; }
  public void setKeys(List<TypedValue> keys) { this.keys = keys == null ? new ArrayList<>(0) : keys; }
  public List<TypedValue> getRelated() { return related; }
  public void setRelated(List<TypedValue> related) { this.related = related == null ? new ArrayList<>(0) : related; }
  public String getAnniversary() { return anniversary; }
  public void setAnniversary(String anniversary) { this.anniversary = anniversary; }
  public String getKind() { return kind; }
  public void setKind(String kind) { this.kind = kind; }
  public String getGender() { return gender; }
  public void setGender(String gender) { this.gender = gender; }
  public String getPhoto() { return photo; }
  public void setPhoto(String photo) { this.photo = photo; }
  public String getGeo() { return geo; }
  public void setGeo(String geo) { this.geo = geo; }
  public String getTimeZone() { return timeZone; }
  public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
  public String getOrganization() { return organization; }
  public void setOrganization(String organization) { this.organization = organization; }
  public List<String> getOrganizationUnits() { return organizationUnits; }
  public void setOrganizationUnits(List<String> units) { this.organizationUnits = units == null ? new ArrayList<>(0) : units; }
  public List<Organization> getOtherOrganizations() { return otherOrganizations; }
  public void setOtherOrganizations(List<Organization> orgs) { this.otherOrganizations = orgs == null ? new ArrayList<>(0) : orgs; }
  public List<String> getOtherTitles() { return otherTitles; }
  public void setOtherTitles(List<String> titles) { this.otherTitles = titles == null ? new ArrayList<>(0) : titles; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
  public String getBirthday() { return birthday; }
  public void setBirthday(String birthday) { this.birthday = birthday; }
  public String getNotes() { return notes; }
  public void setNotes(String notes) { this.notes = notes; }
  public List<String> getCategories() { return categories; }
  public void setCategories(List<String> categories) { this.categories = categories == null ? new ArrayList<>() : categories; }
  public Map<String, String> getCustom() { return custom; }
  public void setCustom(Map<String, String> custom) { this.custom = custom == null ? new LinkedHashMap<>() : custom; }
  public String getUpdatedAt() { return updatedAt; }
  public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Contact c && Objects.equals(id, c.id) && Objects.equals(name, c.name)
        && Objects.equals(formattedName, c.formattedName) && Objects.equals(nickname, c.nickname)
        && emails.equals(c.emails) && phones.equals(c.phones) && addresses.equals(c.addresses)
        && urls.equals(c.urls) && impp.equals(c.impp) && languages.equals(c.languages) && keys.equals(c.keys) && related.equals(c.related) && Objects.equals(anniversary, c.anniversary) && Objects.equals(kind, c.kind) && Objects.equals(gender, c.gender) && Objects.equals(photo, c.photo) && Objects.equals(geo, c.geo) && Objects.equals(timeZone, c.timeZone)
               && Objects.equals(organization, c.organization) && Objects.equals(title, c.title)
        && organizationUnits.equals(c.organizationUnits) && otherOrganizations.equals(c.otherOrganizations)
        && otherTitles.equals(c.otherTitles)
        && Objects.equals(birthday, c.birthday) && Objects.equals(notes, c.notes) && categories.equals(c.categories)
        && custom.equals(c.custom) && Objects.equals(updatedAt, c.updatedAt);
  }

  @Override
  public int hashCode() { return Objects.hash(id, formattedName, emails, phones); }

  /** Never prints values: contacts must not reach logs or exception messages by accident. */
  @Override
  public String toString() { return "Contact[values hidden]"; }
}
