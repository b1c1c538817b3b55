-- The demo CRM: columns named by canonical field paths, read incrementally by updated_at.
CREATE TABLE crm_contacts (
  id                text PRIMARY KEY,
  "name.given"      text,
  "name.family"     text,
  "emails[0].value" text,
  "phones[0].value" text,
  organization      text,
  birthday          text,
  notes             text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO crm_contacts (id, "name.given", "name.family", "emails[0].value", "phones[0].value", organization, birthday, notes) VALUES
  ('crm-1', 'Ada',    'Example',   'ada@example.com',    '+1 202-555-0101', 'Example Analytics', '1985-12-10', 'prefers email'),
  ('crm-2', 'Brian',  'Sample',    'brian@example.org',  '(202) 555-0102',  'Sample Logistics',  '1979-03-02', 'call after 5'),
  ('crm-3', 'Chloe',  'Placeholder','chloe@example.net', '+44 20 7946 0958', 'Placeholder Ltd',  '1992-07-21', 'met at a conference'),
  ('crm-4', 'Dmitri', 'Fiction',   'not-an-email',       '+1 202-555-0104', 'Fiction Works',     '1990-01-15', 'invalid email: quarantined'),
  ('crm-5', 'Esther', 'Mock',      'esther@example.com', '+1 202-555-0105', 'Mock & Co',         '1968-05-30', 'VIP');
