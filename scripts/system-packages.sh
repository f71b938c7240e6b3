# Sourced by serve.sh and test.sh: installs Debian packages that are absent, with apt-get as root.
# ensure_packages [--optional] PACKAGE...: with --optional, a non-root user only gets a warning.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep 'install ok installed' >/dev/null; }

ensure_packages() {
	local optional=false
	if [ "${1:-}" = "--optional" ]; then optional=true; shift; fi
	local missing=()
	for package in "$@"; do
		installed "$package" || missing+=("$package")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		if $optional; then
			echo "warning: ${missing[*]} not installed (needs root to apt-get install); briefing books cannot be printed without them" >&2
			return 0
		fi
		echo "need root to apt-get install ${missing[*]} (or install them first)" >&2
		exit 1
	fi
	printf '\n== installing %s\n' "${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
