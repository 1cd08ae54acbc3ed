# Sourced by the service scripts. State lives outside the checkout, so the unprivileged service
# users can reach it wherever the clone is (a private temp dir or /root would lock them out).
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PPID_SERVICES_DIR=${PPID_SERVICES_DIR:-/var/tmp/portal-ppid/$(echo -n "$repo" | sha1sum | cut -c1-12)}
mkdir -p "$PPID_SERVICES_DIR"
chmod 755 "$(dirname "$PPID_SERVICES_DIR")" "$PPID_SERVICES_DIR"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
