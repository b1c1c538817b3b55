#!/usr/bin/env bash
# Prints the cache folder for the pinned versions: ~/.cache/contactsync-cluster/<hash of the pinned versions and the Go sources built>.
here=$(cd "$(dirname "$0")" && pwd)
k=$(cat "$here/versions.env" "$here/coredns/main.go" "$here/cstool/main.go" | sha256sum | cut -c1-16)
echo "${CONTACTSYNC_CLUSTER_CACHE:-$HOME/.cache/contactsync-cluster}/$k"
