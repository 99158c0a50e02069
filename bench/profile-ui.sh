#!/bin/sh
# CPU profile of the deck browser's startup: runs the CLI snapshot in a private tmux server with
# --cpu-prof, waits for TEXT on screen, quits with q, and summarises the profile with bench/profile.ts.
# Usage: bench/profile-ui.sh COLLECTION [TEXT]   (COLLECTION is opened for writing: pass a copy)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
collection=$1
text=${2:-Bench 4}
cli=$here/.cache/cli-profile/bin/anki-tui.js
[ -f "$cli" ] || { echo "run bench/profile.ts once first (it snapshots the CLI)"; exit 1; }
dir=$(mktemp -d)
socket=anki-tui-prof-$$
trap 'tmux -L $socket kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
mkdir "$dir/home"
tmux -L "$socket" -f /dev/null new-session -d -x 100 -y 30 \
	"env HOME='$dir/home' TERM=xterm-256color LANG=C.UTF-8 '$(command -v node)' --cpu-prof --cpu-prof-interval 200 --cpu-prof-dir '$dir/prof' '$cli' --collection '$collection'; sleep 30"
i=0
until tmux -L "$socket" capture-pane -p -t 0 | grep -q "$text"; do
	i=$((i + 1)); [ $i -lt 600 ] || { echo "never saw $text"; exit 1; }; sleep 0.05
done
tmux -L "$socket" send-keys -t 0 q
i=0
until ls "$dir"/prof/*.cpuprofile >/dev/null 2>&1; do i=$((i + 1)); [ $i -lt 200 ] || exit 1; sleep 0.05; done
sleep 0.5
node --import tsx "$here/profile.ts" --top "${TOP:-30}" --file "$(ls "$dir"/prof/*.cpuprofile)"
