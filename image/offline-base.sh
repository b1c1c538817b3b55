#!/usr/bin/env bash
# Makes a base image for Jib without a registry: a Java runtime cut by jlink from the JDK that runs the build,
# the host libraries it links against, and a non-root user, written as a `docker save` archive that Jib reads
# with `tar://`. It mirrors the layout of the release base image (eclipse-temurin: Java in /opt/java/openjdk),
# so the same entrypoint runs on both. Used by the tests on machines that cannot pull images; releases use
# eclipse-temurin (see docs/install.md).
#
#   image/offline-base.sh OUTPUT.tar
set -euo pipefail
out=$(realpath -m "$1")
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
modules=java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.zipfs,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.charsets,jdk.localedata,jdk.security.auth,jdk.jfr

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt/java" "$root/etc" "$root/tmp" "$root/home/nonroot" "$root/proc" "$root/dev"
chmod 1777 "$root/tmp"

# JDKs from 24 on may link from their own runtime and ship no jmods
module_path=()
[ -d "$java_home/jmods" ] && module_path=(--module-path "$java_home/jmods")
"$java_home/bin/jlink" "${module_path[@]}" --add-modules "$modules" --strip-debug --no-man-pages \
  --no-header-files --output "$root/opt/java/openjdk" >/dev/null
# Debian's JDK links its CA store to /etc/ssl; the image carries the file itself
[ -L "$root/opt/java/openjdk/lib/security/cacerts" ] && cp --remove-destination "$(readlink -f "$java_home/lib/security/cacerts")" \
  "$root/opt/java/openjdk/lib/security/cacerts"

# every shared library the runtime's executables and libraries load, from the host, at the same paths
find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
      case "$lib" in "$root"*) continue ;; esac
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
  [ -e "$lib" ] && mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
done
# merged /usr as on the release base: /lib and /lib64 point into /usr when the host has them that way
for dir in lib lib64; do
  if [ -L "/$dir" ] && [ -d "$root/$dir" ] && [ ! -L "$root/$dir" ]; then
    mkdir -p "$root/usr" && cp -a "$root/$dir/." "$root/usr/$dir/" 2>/dev/null || true
    rm -rf "${root:?}/$dir" && ln -s "usr/$dir" "$root/$dir"
  fi
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"

# a `docker save` archive: one layer, its config and the manifest
image="$work/image"
mkdir -p "$image"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" --exclude=./home/nonroot -cf "$image/layer.tar" .
# the non-root user's home is its own (the local mode keeps its keys there)
tar --mtime=@0 --owner=65532 --group=65532 --numeric-owner -C "$root" -rf "$image/layer.tar" ./home/nonroot
diff_id=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
cat >"$image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/offline-base.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["contactsync-offline-base:latest"],"Layers":["layer.tar"]}]\n' >"$image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$image" -cf "$out" manifest.json config.json layer.tar
echo "$out"
