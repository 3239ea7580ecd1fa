# SPDX-License-Identifier: GPL-2.0
# Hold a page with a pattern and report, every second, whether it is
# intact: the target of another partition's device.
. /app/lib.sh
edudma hold
result edu-hold fail "its page changed"
