#!/usr/bin/env bash
# Builds Wisp's base image as a Docker archive (docker save format) without a registry or a daemon:
# a jlink'ed Java 17 runtime plus the few shared libraries it links against, taken from this machine,
# in one layer. Quarkus's Jib extension builds the Wisp image on top of it (see build.sh).
#
#   deploy/image/build-base.sh OUT_TAR
set -euo pipefail
out=${1:?usage: build-base.sh OUT_TAR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/tmp" "$root/etc" "$root/work"
chmod 1777 "$root/tmp"

# The Java runtime: only the modules Quarkus, Vert.x, Kafka's client and fabric8 use.
jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,java.desktop,jdk.unsupported,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.management,jdk.jfr,jdk.httpserver,java.instrument,java.compiler,java.scripting \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java" 2>/dev/null

# The shared libraries the runtime needs (glibc, libz, ...) and the dynamic loader, from this machine.
libs=$(find "$root/opt/java" -name '*.so' -o -path '*/bin/*' -type f | xargs ldd 2>/dev/null \
  | awk '/=>/ {print $3} /ld-linux/ {print $1}' | grep '^/' | sort -u)
for lib in $libs /lib64/ld-linux-x86-64.so.2; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
# Debian's /lib and /lib64 are links into /usr: keep the same shape.
[ -L /lib ] && [ -d "$root/lib" ] && { mkdir -p "$root/usr"; cp -a "$root/lib" "$root/usr/"; rm -rf "$root/lib"; ln -s usr/lib "$root/lib"; }
[ -L /lib64 ] && [ -d "$root/lib64" ] && { mkdir -p "$root/usr"; cp -a "$root/lib64" "$root/usr/"; rm -rf "$root/lib64"; ln -s usr/lib64 "$root/lib64"; }
# TLS roots for the API server and Kafka, and the non-root user the Deployments run as (185).
[ -f /etc/ssl/certs/java/cacerts ] && cp -L /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:wisp:/work:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$root/etc/group"
chown 185:185 "$root/work" 2>/dev/null || true

# A Docker archive: layer.tar, config.json (diff id = sha256 of the layer), manifest.json.
img="$work/image"
mkdir -p "$img"
tar --numeric-owner --sort=name --mtime='1970-01-01' -C "$root" -cf "$img/layer.tar" .
diff_id=$(sha256sum "$img/layer.tar" | cut -d' ' -f1)
cat > "$img/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server","LANG=C.UTF-8"],"User":"185","WorkingDir":"/work"},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created_by":"deploy/image/build-base.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["wisp-base:17"],"Layers":["layer.tar"]}]\n' > "$img/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$img" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1))"
