#!/usr/bin/env bash
# The syslog destination's tests (lib/integrations/destinations/syslog) send to Debian's rsyslog,
# which they start on 127.0.0.1 with a configuration of their own; TLS (RFC 5425) needs its
# OpenSSL network driver. Installs what is missing (scripts/debian-packages.sh).
set -euo pipefail
missing=()
command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ] || missing+=(rsyslog)
ls /usr/lib/*/rsyslog/lmnsd_ossl.so >/dev/null 2>&1 || missing+=(rsyslog-openssl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
source "$(dirname "$0")/debian-packages.sh"
# Without recommends: rsyslog alone, not logrotate and the rest; the tests start their own rsyslogd.
install_debian_packages --no-install-recommends "the syslog tests" "${missing[@]}"
