# SPDX-License-Identifier: GPL-2.0
# One quick iteration of each scaling test (see pscale.sh).
. /app/pscale.sh
