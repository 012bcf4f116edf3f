#!/usr/bin/env bash
# What the integration tests need on this machine, installed from Debian's packages and started where missing:
#   - MariaDB running on 127.0.0.1:3306, with the test user clouddisk/clouddisk allowed on clouddisk_it* databases
#   - redis-server installed (the tests start their own instance on a free port)
#   - chromium and chromium-driver installed (browser tests), nginx installed (the tests start their own)
#   - wrk installed (the benchmark's load generator)
# Safe to run again: each step only does what is missing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)   # load generator of the benchmark (mvn -Pbench verify)
if [ ${#missing[@]} -gt 0 ]; then
    echo "ensure-services: installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

sql() { mariadb --protocol=tcp -h127.0.0.1 -uroot -e "$1" 2>/dev/null || as_root mariadb -uroot -e "$1"; }
alive() { mariadb-admin --protocol=tcp -h127.0.0.1 -uroot ping >/dev/null 2>&1 \
          || as_root mariadb-admin -uroot ping >/dev/null 2>&1; }

if ! alive; then
    echo "ensure-services: starting MariaDB"
    as_root mkdir -p /run/mysqld
    as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
    as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do alive && break; sleep 0.5; done
    alive || { echo "ensure-services: MariaDB did not start" >&2; exit 1; }
fi

for host in 127.0.0.1 localhost; do
    sql "CREATE USER IF NOT EXISTS 'clouddisk'@'$host' IDENTIFIED BY 'clouddisk';
         GRANT ALL PRIVILEGES ON \`clouddisk\\_it%\`.* TO 'clouddisk'@'$host';"
done
echo "ensure-services: MariaDB, redis-server and chromium are ready"
