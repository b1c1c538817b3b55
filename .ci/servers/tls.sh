# Sourced by the server scripts: a private CA and a localhost/127.0.0.1 server certificate it signed, in DIR
# (ca.crt, server.crt, server.key). The tests trust ca.crt only.
make_test_tls() {
  ( cd "$1"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=contactsync-test-ca"
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
    printf "subjectAltName=IP:127.0.0.1,DNS:localhost\n" > server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 3650 -extfile server.ext
  ) >/dev/null 2>&1
}
