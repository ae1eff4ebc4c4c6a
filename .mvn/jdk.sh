# Sourced (POSIX sh) by ./mvnw and ./tally: makes JAVA_HOME a JDK 21 or newer, because the build
# needs one and Debian's default java is 17. An explicit JAVA_HOME that is new enough wins.
tally_java_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
  fi
}

tally_find_jdk() {
  on_path=
  if command -v javac >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for home in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/temurin-25-jdk-amd64 ${on_path:+"$on_path"} \
      /usr/lib/jvm/*; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      major=$(tally_java_major "$home")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        echo "$home"
        return 0
      fi
    fi
  done
  return 1
}

if tally_jdk=$(tally_find_jdk); then
  JAVA_HOME=$tally_jdk
  export JAVA_HOME
else
  echo "tally: no JDK 21 or newer found. Install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  exit 1
fi
