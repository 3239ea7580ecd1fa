# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by the kernel builds (kernel-build.sh, build-series.sh): ccache
# keys on paths relative to the checkout and on a fixed build stamp, so a
# fresh clone at another path, or a rebuild, hits the cache.  Sets cc to
# the compiler command to pass as CC and HOSTCC.
export CCACHE_BASEDIR=$ROOT
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=parker KBUILD_BUILD_HOST=parker
cc=gcc
command -v ccache > /dev/null && cc="ccache gcc"
