#!/usr/bin/env bash
# A throwaway Virtuoso Open Source for kg's tests and benches: Debian's package, its own database
# folder, bound to 127.0.0.1 only, non-default passwords, SPARQL update for one authenticated
# user only (the anonymous /sparql endpoint stays read-only).
#
#   scripts/virtuoso.sh start    install virtuoso-opensource-7-bin if missing, start, print the endpoint
#   scripts/virtuoso.sh status   say whether it runs
#   scripts/virtuoso.sh stop     shut it down cleanly (the database folder is kept until `clean`)
#   scripts/virtuoso.sh clean    stop and remove the database folder
#
# Environment (all optional):
#   KG_VIRTUOSO_DIR        the database folder                       (default: /tmp/kg-virtuoso-$USER)
#   KG_VIRTUOSO_PORT       the SQL port                               (default: 21111)
#   KG_VIRTUOSO_HTTP_PORT  the HTTP port of /sparql and /sparql-auth  (default: 28890)
#   KG_VIRTUOSO_DBA_PASSWORD, KG_SPARQL_USER, KG_SPARQL_PASSWORD
#                          the passwords; when unset, random ones are made and kept, readable by
#                          the owner only, in the database folder (credentials.env).
set -euo pipefail

DIR="${KG_VIRTUOSO_DIR:-/tmp/kg-virtuoso-${USER:-$(id -un)}}"
PORT="${KG_VIRTUOSO_PORT:-21111}"
HTTP_PORT="${KG_VIRTUOSO_HTTP_PORT:-28890}"
CREDS="$DIR/credentials.env"

say() { echo "virtuoso: $*" >&2; }

install_if_missing() {
  command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 && return
  say "installing Debian's virtuoso-opensource-7-bin"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null
}

credentials() {
  mkdir -p "$DIR"
  if [ ! -f "$CREDS" ]; then
    umask 077
    local rnd; rnd() { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20; }
    {
      echo "KG_VIRTUOSO_DBA_PASSWORD=${KG_VIRTUOSO_DBA_PASSWORD:-$(rnd)}"
      echo "KG_SPARQL_USER=${KG_SPARQL_USER:-kg_writer}"
      echo "KG_SPARQL_PASSWORD=${KG_SPARQL_PASSWORD:-$(rnd)}"
    } > "$CREDS"
  fi
  # shellcheck disable=SC1090
  . "$CREDS"
}

# alive and not a zombie (a server killed with -9 whose parent has gone is never reaped in a container)
running() {
  [ -f "$DIR/virtuoso.pid" ] || return 1
  local pid; pid="$(cat "$DIR/virtuoso.pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status"
}

isql() { isql-vt "127.0.0.1:$PORT" "$@"; }

write_ini() {
  cat > "$DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile         = $DIR/db/virtuoso.db
ErrorLogFile         = $DIR/db/virtuoso.log
LockFile             = $DIR/db/virtuoso.lck
TransactionFile      = $DIR/db/virtuoso.trx
xa_persistent_file   = $DIR/db/virtuoso.pxa
ErrorLogLevel        = 7
FileExtend           = 200
MaxCheckpointRemap   = 2000
Striping             = 0

[TempDatabase]
DatabaseFile         = $DIR/db/virtuoso-temp.db
TransactionFile      = $DIR/db/virtuoso-temp.trx

[Parameters]
ServerPort           = 127.0.0.1:$PORT
ServerThreads        = 10
CheckpointInterval   = 60
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
DirsAllowed          = ., $DIR
MaxQueryMem          = 1G
DefaultIsolation     = 2

[HTTPServer]
ServerPort           = 127.0.0.1:$HTTP_PORT
ServerRoot           = $DIR/www
ServerThreads        = 10
MaxClientConnections = 10
KeepAliveTimeout     = 10
MaxKeepAlives        = 10

[SPARQL]
ResultSetMaxRows     = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 600
DefaultQuery         = select distinct ?Concept where {[] a ?Concept} LIMIT 100
MaxSortedTopRows     = 1000000
INI
}

start() {
  install_if_missing
  credentials
  if running; then say "already running"; endpoint; return; fi
  mkdir -p "$DIR/db" "$DIR/www"
  write_ini
  local fresh=0; [ -f "$DIR/db/virtuoso.db" ] || fresh=1
  ( cd "$DIR" && exec virtuoso-t +foreground +configfile "$DIR/virtuoso.ini" >"$DIR/server.out" 2>&1 ) &
  echo $! > "$DIR/virtuoso.pid"
  local pass=dba; [ "$fresh" = 1 ] || pass="$KG_VIRTUOSO_DBA_PASSWORD"
  for _ in $(seq 1 150); do
    isql dba "$pass" exec="select 1;" >/dev/null 2>&1 && break
    running || { say "did not start:"; tail -20 "$DIR/server.out" >&2; exit 1; }
    sleep 0.2
  done
  # the SQL port answers before the HTTP one (a restart first rolls the transaction log forward)
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && break
    sleep 0.2
  done
  if [ "$fresh" = 1 ]; then
    # the default password goes first; the anonymous SPARQL user may only read
    # (the SPARQL user of Debian's fresh database has no update right: nothing to revoke)
    isql dba dba >/dev/null <<SQL
DB.DBA.USER_CREATE('$KG_SPARQL_USER', '$KG_SPARQL_PASSWORD');
GRANT SPARQL_UPDATE TO "$KG_SPARQL_USER";
GRANT SPARQL_SELECT TO "$KG_SPARQL_USER";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('$KG_SPARQL_USER', 3);
user_set_password('dba', '$KG_VIRTUOSO_DBA_PASSWORD');
checkpoint;
SQL
    isql dba "$KG_VIRTUOSO_DBA_PASSWORD" exec="select 1;" >/dev/null 2>&1 \
      || { say "could not set the passwords"; stop; exit 1; }
  fi
  endpoint
}

endpoint() {
  say "running on 127.0.0.1 (SQL $PORT, HTTP $HTTP_PORT); credentials in $CREDS"
  echo "http://127.0.0.1:$HTTP_PORT/sparql"
}

stop() {
  credentials
  if ! running; then say "not running"; rm -f "$DIR/virtuoso.pid"; return; fi
  isql dba "$KG_VIRTUOSO_DBA_PASSWORD" exec="shutdown;" >/dev/null 2>&1 || kill "$(cat "$DIR/virtuoso.pid")"
  for _ in $(seq 1 100); do running || break; sleep 0.1; done
  running && kill -9 "$(cat "$DIR/virtuoso.pid")" || true
  rm -f "$DIR/virtuoso.pid"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then endpoint; else say "not running"; exit 1; fi ;;
  clean) stop; rm -rf "$DIR"; say "removed $DIR" ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac
