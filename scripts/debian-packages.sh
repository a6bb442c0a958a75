# Install Debian packages for the tests: `source` this file, then `install_debian_packages PKG...`.
# It needs root (or sudo) and says so when it has neither. Another apt or dpkg may be running (a
# machine's first boot often runs one): it waits for it, up to 10 minutes, instead of failing at
# once. DPkg::Lock::Timeout covers dpkg's lock; the package lists' lock (apt-get update) has no
# such option, so that one is retried.

apt_get() {
    local attempt output
    for attempt in $(seq 120); do
        if output=$($KB_SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); then
            return 0
        fi
        if ! grep -q "Could not get lock" <<<"$output"; then
            echo "$output" >&2
            return 1
        fi
        [ "$attempt" -eq 1 ] && echo "waiting for another apt or dpkg to finish..." >&2
        sleep "${KB_APT_RETRY_SECONDS:-5}"
    done
    echo "$output" >&2
    return 1
}

install_debian_packages() {
    if [ "$(id -u)" -eq 0 ]; then
        KB_SUDO=""
    elif command -v sudo >/dev/null; then
        KB_SUDO="sudo"
    else
        echo "installing the Debian packages $* needs root: run this as root, install sudo," >&2
        echo "or install those packages yourself." >&2
        return 2
    fi
    apt_get update -qq && apt_get install -y -qq "$@"
}
