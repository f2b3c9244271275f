#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL 15 server:
#   scripts/with-postgres.sh CMD [ARG…]
# initdb into a temporary folder (as the user postgres when run as root: PostgreSQL refuses to
# run as root), a password for the user passnum (scram-sha-256, so the PGPASSWORD path is used
# for real), listening on 127.0.0.1 on a free port only; then CMD runs with
#   PASSNUM_TEST_POSTGRES  postgres://passnum@127.0.0.1:PORT/postgres (tests make their own databases)
#   PGPASSWORD             the password
#   PASSNUM_TEST_PGCTL     a script taking stop or start, for the tests that restart the server
# and the cluster is stopped and removed at the end, whatever CMD did. CMD's exit code is kept.
# Costs about 2 s (initdb, start, stop). Debian's postgresql package: scripts/setup.sh.
set -euo pipefail
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "with-postgres: no PostgreSQL server binaries (apt-get install postgresql, or scripts/setup.sh)" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: scripts/with-postgres.sh CMD [ARG…]" >&2; exit 2; }

work=$(mktemp -d /tmp/passnum-pg.XXXXXX)
chmod 755 "$work"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$work"
    as_owner=(runuser -u postgres --)
fi
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

printf '%s\n' "$password" >"$work/pwfile"
[ ${#as_owner[@]} -eq 0 ] || chown postgres "$work/pwfile"
"${as_owner[@]}" "$bin/initdb" -D "$work/data" -U passnum --pwfile="$work/pwfile" --auth=scram-sha-256 -E UTF8 --no-instructions >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; rm -rf "$work"; exit 1; }
rm -f "$work/pwfile"

cat >"$work/pgctl.sh" <<SCRIPT
#!/usr/bin/env bash
# stop or start the test cluster (fast stop: sessions are cut, as in a crash or a failover)
cd /  # the user postgres may not enter the caller's folder
case "\$1" in
    stop) exec ${as_owner[*]} "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null ;;
    start) exec ${as_owner[*]} "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$work' -c max_connections=1000" start >/dev/null ;;
    *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
SCRIPT
chmod 755 "$work/pgctl.sh"
stop() {
    "$work/pgctl.sh" stop 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT
"$work/pgctl.sh" start || { cat "$work/server.log" >&2; exit 1; }
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

status=0
PASSNUM_TEST_POSTGRES="postgres://passnum@127.0.0.1:$port/postgres" PGPASSWORD="$password" PASSNUM_TEST_PGCTL="$work/pgctl.sh" \
    PG_BIN="$bin" "$@" || status=$?
exit $status
