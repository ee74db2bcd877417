#!/usr/bin/env bash
# Runs samples/ChatRoom as a cluster of two Orleans silos behind the same page: PostgreSQL (scripts/postgres/start.sh,
# installed when missing and run as root) holds the cluster's membership, grain storage and reminders and the rooms;
# each silo process serves the page on its own HTTP port. Open both addresses, chat, kill one process (kill -9 PID):
# the other goes on with the whole conversation. Ctrl-C stops both silos (PostgreSQL keeps running:
# scripts/postgres/stop.sh).
# Settings (environment):
#   CHATROOM_HTTP_PORTS   the two HTTP ports                        (default "5101 5102")
#   CHATROOM_DIR          logs and the sign-in keys                  (default /tmp/sessiongen-chatroom)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
read -r http1 http2 <<<"${CHATROOM_HTTP_PORTS:-5101 5102}"
dir=${CHATROOM_DIR:-/tmp/sessiongen-chatroom}
mkdir -p "$dir"

cs=$("$root/scripts/postgres/start.sh")
echo "chatroom: building samples/ChatRoom" >&2
dotnet build "$root/samples/ChatRoom/ChatRoom.csproj" -v quiet -nologo >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
app=$root/samples/ChatRoom/bin/Debug/net10.0

# A new cluster id per run: membership rows of silos from an earlier run (killed ones stay "active" until declared
# dead) belong to another cluster and are never probed. The rooms are kept by service id, so they outlive runs.
cluster=chatroom-$(date +%Y%m%d%H%M%S)
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Starts silo $1 on HTTP port $2 and waits (60 s at most) until it listens.
start_silo() {
  local n=$1 port=$2 log=$dir/silo$1.log
  (cd "$app" && exec dotnet ChatRoom.dll --urls "http://127.0.0.1:$port" --cluster "$cs" --cluster-id "$cluster" \
     --silo-port $((11110 + n)) --gateway-port $((29999 + n)) --keys "$dir/keys" --probe-timeout 2) >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    grep -q "Now listening on" "$log" && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$log" >&2; echo "chatroom: silo $n ended" >&2; exit 1; }
    sleep 0.1
  done
  cat "$log" >&2; echo "chatroom: silo $n did not listen within 60 s" >&2; exit 1
}

# One after the other: the first makes the sign-in key both use (ChatRoomApp).
start_silo 1 "$http1"
start_silo 2 "$http2"
echo "chatroom: cluster $cluster, logs in $dir/silo{1,2}.log" >&2
echo "silo 1 (pid ${pids[0]}): http://127.0.0.1:$http1/"
echo "silo 2 (pid ${pids[1]}): http://127.0.0.1:$http2/"
echo "Ctrl-C stops both." >&2
wait -n "${pids[@]}" || true
echo "chatroom: a silo ended; the other keeps serving (Ctrl-C stops it)" >&2
wait
