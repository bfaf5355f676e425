#!/usr/bin/env bash
# Gradescope autograder set-up (runs once, as root, when the instructor uploads
# the autograder zip). The zip holds this repository; Gradescope unpacks it to
# /autograder/source. Installs the Swift toolchain's needs and GSL, then builds
# streamlab in release mode so grading a submission only compiles the student's file.
set -euo pipefail
cd /autograder/source
apt-get update
apt-get install -y --no-install-recommends libgsl-dev pkg-config ca-certificates curl bubblewrap util-linux
if ! command -v swiftc >/dev/null; then
  # Swift's Linux toolchain: set SWIFT_TARBALL_URL to the release for the image (Ubuntu 22.04 by default).
  : "${SWIFT_TARBALL_URL:=https://download.swift.org/swift-6.3.1-release/ubuntu2204/swift-6.3.1-RELEASE/swift-6.3.1-RELEASE-ubuntu22.04.tar.gz}"
  apt-get install -y --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev \
    libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libz3-dev tzdata unzip zlib1g-dev
  mkdir -p /opt/swift && curl -fsSL "$SWIFT_TARBALL_URL" | tar -xz -C /opt/swift --strip-components=1
  ln -sf /opt/swift/usr/bin/* /usr/local/bin/
fi
swift build -c release --product streamlab
install -m 0755 .build/release/streamlab /usr/local/bin/streamlab
# The instructor's copy (hidden tests, references, grading data) is root's
# alone: student code runs as an unprivileged uid and, where the image allows
# no namespaces, file permissions are what keeps it out.
chmod -R go-rwx /autograder/source
