#!/bin/sh
# Installs the lab's real servers from Debian packages when they are missing (run as root).
# One install at a time: concurrent test files share the dpkg lock through flock.
set -e
need=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
[ -x /usr/sbin/apache2 ] || need="$need apache2"
[ -f /usr/lib/apache2/modules/mod_security2.so ] || need="$need libapache2-mod-security2"
[ -d /usr/share/modsecurity-crs ] || need="$need modsecurity-crs"
[ -x /usr/sbin/squid ] || need="$need squid"
command -v faketime >/dev/null 2>&1 || need="$need faketime"
[ -z "$need" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d keeps the packages from starting their own services on ports 80/3128
exec 9>/tmp/why403-lab-apt.lock
flock 9
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.why403 && chmod +x /usr/sbin/policy-rc.d.why403
[ -e /usr/sbin/policy-rc.d ] || cp /usr/sbin/policy-rc.d.why403 /usr/sbin/policy-rc.d
apt-get install -y --no-install-recommends $need >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $need >/dev/null; }
cmp -s /usr/sbin/policy-rc.d /usr/sbin/policy-rc.d.why403 && rm -f /usr/sbin/policy-rc.d
rm -f /usr/sbin/policy-rc.d.why403
