#!/usr/bin/env bash
# A new user's first minutes, timed (not part of npm test): clone this repository's committed HEAD
# into a temporary folder beside it, `npm install`, `npm start` until the first page is served, the
# first answer, then a restart until the first answer; count the warning lines of each phase.
# Usage: scripts/first-run.sh [--keep]     (PORT=3217 by default; the clone is removed unless --keep)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-3217}"
work="$(mktemp -d "$(dirname "$repo")/first-run.XXXXXX")"
app="$work/app"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -- "-$server" 2>/dev/null || true; fi
  if [ "${1:-}" != "--keep" ]; then rm -rf "$work"; else echo "kept: $work"; fi
}
trap 'cleanup "${KEEP:-}"' EXIT
[ "${1:-}" = "--keep" ] && KEEP=--keep

# Node 24 as the project needs it (this machine's node may be older)
. "$repo/scripts/use-node24.sh" 2>/dev/null

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
wait_for() { # wait_for URL [curl args…]: poll until a 2xx answer, at most 600 s
  local url="$1"; shift
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null "$@" "$url"; then return 0; fi
    if ! kill -0 "$server" 2>/dev/null; then echo "the server exited; see $app/*.log" >&2; return 1; fi
    sleep 0.2
  done
  return 1
}
answer() { wait_for "http://127.0.0.1:$port/api/search" -X POST -H 'content-type: application/json' --data '{"query":"科技合作","k":3}'; }
start_server() { # in its own process group, so that it can be stopped with everything it started
  (cd "$app" && PORT="$port" exec setsid npm start >"$1" 2>&1) &
  server=$!
}
stop_server() { kill -- "-$server" 2>/dev/null || kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
# warning lines of a log; the machine's own ~/.npmrc "nodedir" notice is counted apart (not the project's)
warnings() { grep -iE 'warn|deprecat' "$1" | grep -vc 'Unknown user config "nodedir"' || true; }
machine_warnings() { grep -c 'Unknown user config "nodedir"' "$1" || true; }

git clone -q "$repo" "$app"
echo "fresh clone of $(git -C "$repo" rev-parse --short HEAD) in $app; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

t=$(now)
(cd "$app" && npm install --no-audit --no-fund >install.log 2>&1)
install_s=$(since "$t")

t=$(now)
start_server "$app/start.log"
wait_for "http://127.0.0.1:$port/"
first_page_s=$(since "$t")
answer
first_answer_s=$(since "$t")
stop_server

t=$(now)
start_server "$app/restart.log"
answer
restart_answer_s=$(since "$t")
stop_server

total=$(awk -v a="$install_s" -v b="$first_page_s" 'BEGIN { printf "%.1f", a + b }')
printf '\n%-44s %8s  %s\n' phase seconds 'warning lines (+ machine nodedir notices)'
printf '%-44s %8s  %s\n' 'npm install' "$install_s" "$(warnings "$app/install.log") (+$(machine_warnings "$app/install.log"))"
printf '%-44s %8s  %s\n' 'npm start -> first page served' "$first_page_s" "$(warnings "$app/start.log") (+$(machine_warnings "$app/start.log"))"
printf '%-44s %8s\n' 'npm start -> first answer (/api/search)' "$first_answer_s"
printf '%-44s %8s  %s\n' 'restart -> first answer' "$restart_answer_s" "$(warnings "$app/restart.log") (+$(machine_warnings "$app/restart.log"))"
printf '%-44s %8s   (target 90; npm start alone target 45; restart target 3)\n' 'install + start to first page' "$total"
echo
echo "--- npm start console (first run) ---"
cat "$app/start.log"
