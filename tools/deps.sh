#!/bin/bash
# tools/deps.sh - make sure the host packages the build and the tests use are
# installed. As root, missing packages are installed with apt-get (after
# "apt-get update", since a fresh machine's package lists may be empty);
# otherwise the exact command is printed and the build stops.
set -e

PACKAGES=(
    gcc binutils make               # the toolchain (gcc -m32 -ffreestanding, GNU as and ld)
    qemu-system-x86                 # the machine the OS boots in
    python3                         # the test harness and image helpers
    clang libclang-rt-14-dev        # libFuzzer targets (clang -fsanitize=fuzzer)
    python3-cryptography-vectors    # published test vectors for lib/crypto
    util-linux iproute2             # unshare: private network namespaces for tests
    openssl                         # an independent implementation crypto tests compare with
    bash coreutils grep sed diffutils findutils procps bsdextrautils
                                    # the GNU tools (and kill, hexdump) the differential
                                    # tool tests compare ours with (tests/system/test_difftest.py)
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing host packages: ${missing[*]}" >&2
    echo "deps: install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
