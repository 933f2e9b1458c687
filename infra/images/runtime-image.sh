#!/usr/bin/env bash
# Builds tributary/java-runtime, the base image every Tributary image starts FROM, as a `docker save`
# tarball that Jib reads with <from><image>tar://...</image></from>. No registry and no Docker daemon:
# the build machine reaches only Maven Central and Debian, so the base is made here from what the
# build already has:
#   /opt/java   a Java runtime cut by jlink from the JDK running Maven (its jmods)
#   /lib...     the C libraries that runtime and the bundled natives (FFmpeg and JavaCPP, DuckDB,
#               SQLite, zstd, snappy, lz4, jSerialComm) link against, copied from the build machine
#               (found with ldd) together with their packages' copyright files
#   /usr/lib/locale/C.utf8  so LANG=C.UTF-8 gives the JVM UTF-8 file names and default charset
#   /etc        passwd and group with the unprivileged user tributary (10001:10001), nsswitch.conf
#   /tmp (1777), /home/tributary and /var/lib/tributary (owned by tributary), /etc/tributary
# There is no shell and no package manager in the image. The libraries are the build machine's
# (Debian 12 here: glibc 2.36), so build on the distribution whose security updates you want; the
# image records which package and version each library came from in
# /usr/share/doc/tributary-runtime/libraries.txt.
#
# Usage: runtime-image.sh OUTPUT.tar [JAVA_HOME]   (Linux x86-64 only; needs jlink, ldd, GNU tar)
set -euo pipefail

out_tar=$(realpath -m "$1")
java_home=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
work="${out_tar%.tar}.d"
root="$work/root"
image_name="tributary/java-runtime"

# java.se plus the jdk.* modules the services use at run time that jdeps cannot see (service
# providers: EC TLS, the random generators of RandomGenerator.of, DNS, zip file systems) or that
# operators want (jcmd, JFR). ContainerImagesIT found jdk.random missing. Derived with
#   jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
#     --class-path "$(cat infra/launcher/target/classpath.txt)" infra/launcher/target/classes
# (java.desktop is there for ImageIO's JPEG writer, the catalog's thumbnails).
modules=java.se,jdk.unsupported,jdk.random,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.management,jdk.management.jfr,jdk.jfr,jdk.net,jdk.httpserver,jdk.security.auth,jdk.security.jgss,jdk.charsets,jdk.jcmd

# Not found by ldd from the runtime, but needed by natives the jars unpack at run time:
# libstdc++ and libgcc_s (DuckDB, JavaCPP, FFmpeg's JNI glue), libdl, libpthread and librt (DuckDB,
# SQLite, snappy: glibc keeps them as stubs since 2.34, but the natives still name them).
extra_sonames=(libstdc++.so.6 libgcc_s.so.1 libdl.so.2 libpthread.so.0 librt.so.1)

if [ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]; then
  echo "runtime-image.sh: the images are linux/amd64 and take their C libraries from the build machine;" \
    "build them on Linux x86-64 (this is $(uname -s)/$(uname -m))" >&2
  exit 1
fi
if [ ! -d "$java_home/jmods" ]; then
  echo "runtime-image.sh: $java_home has no jmods/ for jlink (Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$root"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$root/opt/java"
# A server is headless: drop the natives that link X11 and ALSA rather than ship those libraries.
rm -f "$root"/opt/java/lib/{libawt_xawt.so,libjawt.so,libsplashscreen.so,libjsound.so}

# Every library the runtime's ELF files need, plus the extra sonames, copied (symlinks resolved)
# into /lib/x86_64-linux-gnu, which the loader searches without an ld.so.cache.
libdir="$root/lib/x86_64-linux-gnu"
mkdir -p "$libdir" "$root/lib64"
elfs=$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \))
for soname in "${extra_sonames[@]}"; do
  # (awk reads all its input: an early exit would kill ldconfig with SIGPIPE under pipefail)
  path=$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64/ && !found { print $NF; found = 1 }')
  if [ -z "$path" ]; then
    echo "runtime-image.sh: $soname is not installed on this machine" >&2
    exit 1
  fi
  elfs="$elfs"$'\n'"$path"
done
declare -A libs=()
while read -r elf; do
  while read -r name arrow path _; do
    if [ "$arrow" = "=>" ] && [ "$path" = "not" ]; then
      # libjvm.so and friends resolve through the runtime's own RUNPATH at run time.
      if [ -z "$(find "$root/opt/java" -name "$name" -print -quit)" ]; then
        echo "runtime-image.sh: $elf needs $name, which this machine does not have" >&2
        exit 1
      fi
    elif [ "$arrow" = "=>" ] && [[ "$path" == /* ]] && [[ "$path" != "$root"/* ]]; then
      libs[$name]=$path
    fi
  done < <(ldd "$elf" 2>/dev/null || true)
  case "$elf" in "$root"/*) ;; *) libs[$(basename "$elf")]=$elf ;; esac
done <<< "$elfs"
for name in "${!libs[@]}"; do
  cp -L "${libs[$name]}" "$libdir/$name"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
chmod 755 "$libdir"/* "$root/lib64/ld-linux-x86-64.so.2"

# Provenance and licences of the copied libraries.
doc="$root/usr/share/doc/tributary-runtime"
mkdir -p "$doc"
{
  echo "# Libraries copied from the build machine by infra/images/runtime-image.sh: soname, source, package"
  for name in $(printf '%s\n' "${!libs[@]}" ld-linux-x86-64.so.2 | sort); do
    src=${libs[$name]:-/lib64/ld-linux-x86-64.so.2}
    pkg=""
    real=$(readlink -f "$src")
    # dpkg knows each file by the path its package installed it at (merged /usr or not).
    for p in "$src" "$real" "/usr$src" "${real#/usr}" "$(dirname "$src")/$(basename "$real")"; do
      pkg=$(dpkg-query -S "$p" 2>/dev/null | sed -n '1s/^\([^:]*:[^:]*\):.*/\1/p' || true)
      [ -n "$pkg" ] && break
    done
    version=""
    if [ -n "$pkg" ]; then
      version=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
      base=${pkg%%:*}
      if [ -f "/usr/share/doc/$base/copyright" ] && [ ! -f "$root/usr/share/doc/$base/copyright" ]; then
        mkdir -p "$root/usr/share/doc/$base"
        cp -L "/usr/share/doc/$base/copyright" "$root/usr/share/doc/$base/copyright"
      fi
    fi
    echo "$name $src ${pkg:-unknown} $version"
  done
  echo "# Java runtime: jlink of $java_home, modules $modules"
  sed 's/^/# /' "$root/opt/java/release"
} > "$doc/libraries.txt"

# LANG=C.UTF-8 makes file names and the default charset UTF-8; glibc needs the locale's files.
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$root/usr/lib/locale"
  cp -rL /usr/lib/locale/C.utf8 "$root/usr/lib/locale/C.utf8"
else
  echo "runtime-image.sh: no /usr/lib/locale/C.utf8 (Debian: libc-bin); the JVM will fall back to ASCII file names" >&2
fi

mkdir -p "$root/etc/tributary" "$root/tmp" "$root/home/tributary" "$root/var/lib/tributary"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\ntributary:x:10001:10001:Tributary:/home/tributary:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\ntributary:x:10001:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"

# One layer, reproducible: sorted names, fixed times, numeric owners. Everything belongs to root
# except the user's two writable directories, appended with their owner (no chown needed, so the
# build does not have to run as root).
layer="$work/layer.tar"
tar_opts=(--sort=name --mtime=@1 --numeric-owner --format=posix
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
(cd "$root" && tar "${tar_opts[@]}" --owner=0 --group=0 \
  --exclude=./home/tributary --exclude=./var/lib/tributary -cf "$layer" .)
(cd "$root" && tar "${tar_opts[@]}" --owner=10001 --group=10001 --no-recursion \
  -rf "$layer" ./home/tributary ./var/lib/tributary)
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$root/opt/java/release")

cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux",
 "config":{"User":"10001:10001","WorkingDir":"/home/tributary",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","HOME=/home/tributary"],
  "Labels":{"org.opencontainers.image.title":"$image_name","dev.tributary.java.version":"$java_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:01Z","created_by":"infra/images/runtime-image.sh (jlink $java_version, libraries from the build machine)"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["%s:%s"],"Layers":["layer.tar"]}]\n' \
  "$image_name" "$java_version" > "$work/manifest.json"
(cd "$work" && tar "${tar_opts[@]}" --owner=0 --group=0 -cf "$out_tar" manifest.json config.json layer.tar)
echo "runtime-image.sh: $out_tar ($image_name:$java_version, layer $(du -m "$layer" | cut -f1) MiB, sha256:$diff_id)"
rm -rf "$work"
