// SPDX-License-Identifier: GPL-2.0
/*
 * A mark in the setup code of a kernel that can run as a Parker
 * application kernel.  The boot kernel's loader looks for it in the
 * uncompressed part of a bzImage before it accepts the image for a
 * partition: a kernel without instance mode would probe the hardware of
 * the whole machine.
 */
#include <linux/compiler_attributes.h>
#include <linux/parker.h>

const char parker_instance_magic[] __used = PARKER_INSTANCE_MAGIC;
