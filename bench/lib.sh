# Shared by the bench/ scripts: where things are, the machine, and statistics over repeated runs.
# shellcheck shell=bash
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/operator/target/contactsync.jar"
benchmarks="$root/bench/jmh/target/benchmarks.jar"

build() {
  if [ ! -f "$jar" ] || [ ! -f "$benchmarks" ]; then
    (cd "$root" && ./mvnw -B -q -Pbench -DskipTests -DskipITs package) >&2
  fi
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1 | sed 's/"//g')"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# stats V1 V2 ...: "median min max" of the numbers
stats() {
  python3 -c 'import statistics, sys; v = sorted(float(x) for x in sys.argv[1:]); print(f"{statistics.median(v):.6g} {v[0]:.6g} {v[-1]:.6g}")' "$@"
}

# row NAME MEASURE MEDIAN MIN MAX BASELINE RATIO TARGET MET: one line of a results table
row() {
  printf '| %s | %s | %s | %s–%s | %s | %s | %s | %s |\n' "$@"
}

table_header() {
  echo "| benchmark | measure | median | spread (min–max) | baseline (median) | ratio | target | met |"
  echo "|---|---|---|---|---|---|---|---|"
}

# met VALUE OP LIMIT: yes/no
met() { python3 -c 'import sys; v, op, l = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]); print("yes" if (v <= l if op == "<=" else v >= l) else "no")' "$@"; }

# test_servers WORK: starts the local PostgreSQL and Radicale (.ci/servers) and writes their credentials into
# WORK/credentials/{pg,dav} as a credentials directory
test_servers() {
  eval "$("$root/.ci/servers/postgres.sh")"; eval "$("$root/.ci/servers/radicale.sh")"
  mkdir -p "$1/credentials/pg" "$1/credentials/dav"
  printf %s "$CONTACTSYNC_TEST_POSTGRES_USER" >"$1/credentials/pg/username"
  printf %s "$CONTACTSYNC_TEST_POSTGRES_PASSWORD" >"$1/credentials/pg/password"
  cp "$CONTACTSYNC_TEST_POSTGRES_CA" "$1/credentials/pg/ca.crt"
  printf %s "$CONTACTSYNC_TEST_CARDDAV_USER" >"$1/credentials/dav/username"
  printf %s "$CONTACTSYNC_TEST_CARDDAV_PASSWORD" >"$1/credentials/dav/password"
  cp "$CONTACTSYNC_TEST_CARDDAV_CA" "$1/credentials/dav/ca.crt"
  pg_url="jdbc:postgresql://127.0.0.1:15432/contactsync?sslmode=verify-full"
  export PGPASSWORD="$CONTACTSYNC_TEST_POSTGRES_PASSWORD"
}

# sql STATEMENT: runs it on the test PostgreSQL (TLS, as the connector connects)
sql() {
  psql "host=127.0.0.1 port=15432 dbname=contactsync user=$CONTACTSYNC_TEST_POSTGRES_USER sslmode=verify-full sslrootcert=$CONTACTSYNC_TEST_POSTGRES_CA" \
    -qAtX -v ON_ERROR_STOP=1 -c "$1"
}

# sync_manifest FILE NAME MODE SOURCE DESTINATION: a ContactSync through the reference policy (marketing-safe)
sync_manifest() {
  cat >"$1" <<M
apiVersion: contactsync.io/v1alpha1
kind: ContactSync
metadata: {name: $2}
spec:
  schedule: "@hourly"
  mode: $3
  source: $4
  destinations:
    - name: d
      privacyPolicyRef: {name: marketing-safe}
      $5
M
}
