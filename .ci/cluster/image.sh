#!/usr/bin/env bash
# image.sh OUT.tar NAME:TAG ENTRYPOINT UID FILE:PATH... — writes a one-layer image (docker-archive format, which
# `ctr images import` reads) holding only the given static files: no registry, no base image.
set -euo pipefail
out=$1 tag=$2 entry=$3 uid=$4; shift 4
[ -f "$out" ] && exit 0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/root/etc" "$t/root/tmp" "$t/root/dev" "$t/root/proc" "$t/root/sys"
for m in "$@"; do install -D -m 0755 "${m%%:*}" "$t/root${m#*:}"; done
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$t/root" -cf "$t/layer.tar" .
diff=$(sha256sum "$t/layer.tar" | cut -d' ' -f1)
printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["%s"],"User":"%s"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$entry" "$uid" "$diff" > "$t/config.json"
cfg=$(sha256sum "$t/config.json" | cut -d' ' -f1); mv "$t/config.json" "$t/$cfg.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["layer.tar"]}]' "$cfg" "$tag" > "$t/manifest.json"
tar -C "$t" -cf "$out.tmp" manifest.json "$cfg.json" layer.tar && mv "$out.tmp" "$out"
