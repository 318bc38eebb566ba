#!/usr/bin/env bash
# Three network namespaces for the partition test: NAME-db holds PostgreSQL, NAME-w1 and NAME-w2 hold one worker
# each; every address lives only on the veth pairs made here (10.199.0.0/24 links the test itself to the database).
# Usage: netns.sh up NAME PGDIR PORT | cut NAME | heal NAME | down NAME PGDIR
set -euo pipefail
verb=$1; name=$2
ns() { ip netns exec "$name-$1" "${@:2}"; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
case $verb in
up)
  dir=$3; port=$4
  for n in db w1 w2; do ip netns add "$name-$n"; ns "$n" ip link set lo up; done
  ip link add "$name-t" type veth peer name "$name-td" netns "$name-db"
  ip addr add 10.199.0.1/24 dev "$name-t"; ip link set "$name-t" up
  ns db ip addr add 10.199.0.2/24 dev "$name-td"; ns db ip link set "$name-td" up
  for i in 1 2; do
    ip link add "$name-a$i" netns "$name-w$i" type veth peer name "$name-b$i" netns "$name-db"
    ns "w$i" ip addr add "10.199.$i.2/24" dev "$name-a$i"; ns "w$i" ip link set "$name-a$i" up
    ns db ip addr add "10.199.$i.1/24" dev "$name-b$i"; ns db ip link set "$name-b$i" up
  done
  mkdir -p "$dir"; chown postgres "$dir"
  runuser -u postgres -- "$pgbin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
  echo "host all all 10.199.0.0/16 trust" >>"$dir/data/pg_hba.conf"
  ns db runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=10.199.0.2,10.199.1.1,10.199.2.1 -p $port -k $dir -c fsync=off" start >/dev/null
  ;;
# The far end goes down, so worker 1 sees silence (packets lost), not an error of its own interface.
cut) ns db ip link set "$name-b1" down ;;
heal) ns db ip link set "$name-b1" up ;;
down)
  dir=$3
  if [ -f "$dir/data/postmaster.pid" ]; then
    ns db runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  for n in db w1 w2; do ip netns pids "$name-$n" 2>/dev/null | xargs -r kill -9; ip netns del "$name-$n" 2>/dev/null || true; done
  ip link del "$name-t" 2>/dev/null || true
  rm -rf "$dir"
  ;;
esac
