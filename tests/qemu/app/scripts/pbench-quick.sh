# SPDX-License-Identifier: GPL-2.0
# One quick iteration of each micro-benchmark (see pbench.sh).
. /app/pbench.sh
