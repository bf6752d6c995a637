#!/usr/bin/env bash
# The syslog destination's tests (lib/integrations/destinations/syslog) send to Debian's rsyslog,
# which they start on 127.0.0.1 with a configuration of their own; TLS (RFC 5425) needs its
# OpenSSL network driver. As root it installs what is missing; otherwise it stops with the exact command to run.
set -euo pipefail
missing=()
command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ] || missing+=(rsyslog)
ls /usr/lib/*/rsyslog/lmnsd_ossl.so >/dev/null 2>&1 || missing+=(rsyslog-openssl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the syslog tests: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # --no-install-recommends: rsyslog alone, not logrotate and the rest; the tests start their own rsyslogd.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  exit 0
fi
echo "The syslog tests need Debian's packages: ${missing[*]}. Install them with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
