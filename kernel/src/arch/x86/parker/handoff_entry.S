/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker hand-off: the last boot-kernel code a partition CPU runs before it
 * enters the application kernel.
 *
 * The boot kernel wakes the CPU with INIT and SIPI through its own
 * real-mode trampoline, pointed for this one start at
 * parker_handoff_entry (see handoff.c).  The CPU arrives here in long
 * mode on the trampoline page table, with no stack.  It switches to the
 * partition's hand-off page table, which maps the partition's memory at
 * its physical address and this code where the kernel has it, loads the
 * GDT the 64-bit boot protocol asks for and an IDT whose every vector
 * halts this CPU (a fault must stop one CPU, never reset the machine),
 * clears the segment bases an INIT would have cleared, says it has
 * arrived, and jumps to the application kernel's 64-bit entry with %rsi
 * pointing at its boot_params.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/msr-index.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <asm/unwind_hints.h>

#include "handoff-offsets.h"

/* Selectors of the hand-off GDT, as the 64-bit boot protocol wants them. */
#define PARKER_BOOT_CS	0x10
#define PARKER_BOOT_DS	0x18

	.text
	.code64
	.balign	PAGE_SIZE
SYM_CODE_START_NOALIGN(parker_handoff_entry)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	cli
	cld
	/* Read what the boot kernel prepared while its mappings still exist. */
	movq	parker_handoff+PARKER_HANDOFF_CR3(%rip), %rax
	movq	parker_handoff+PARKER_HANDOFF_STACK(%rip), %rsp
	movq	parker_handoff+PARKER_HANDOFF_GDT(%rip), %rbx
	movq	parker_handoff+PARKER_HANDOFF_IDT(%rip), %rcx
	movq	parker_handoff+PARKER_HANDOFF_ENTRY(%rip), %r12
	movq	parker_handoff+PARKER_HANDOFF_BOOT_PARAMS(%rip), %r13
	movq	parker_handoff+PARKER_HANDOFF_ARRIVED(%rip), %r14

	/* Global pages of the boot kernel must not outlive the switch. */
	movq	%cr4, %rdx
	andq	$~X86_CR4_PGE, %rdx
	movq	%rdx, %cr4
	movq	%rax, %cr3

	lgdt	(%rbx)
	lidt	(%rcx)
	pushq	$PARKER_BOOT_CS
	leaq	.Lreloaded(%rip), %rax
	pushq	%rax
	lretq
.Lreloaded:
	UNWIND_HINT_END_OF_STACK
	movl	$PARKER_BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs

	/* Segment bases as after INIT. */
	xorl	%edx, %edx
	movl	$MSR_FS_BASE, %ecx
	wrmsr
	movl	$MSR_GS_BASE, %ecx
	wrmsr
	movl	$MSR_KERNEL_GS_BASE, %ecx
	wrmsr

	movl	$1, (%r14)

	movq	%r13, %rsi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	jmp	*%r12
SYM_CODE_END(parker_handoff_entry)

/* Every vector of the hand-off IDT: this CPU stops here. */
SYM_CODE_START_NOALIGN(parker_handoff_halt)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	cli
1:	hlt
	jmp	1b
SYM_CODE_END(parker_handoff_halt)

/*
 * The mailbox wait loop of a secondary CPU, copied to the partition's
 * control area and run there at its physical address, on the hand-off
 * page table and later on the application kernel's.  %rsi points at the
 * CPU's slot (struct parker_slot; offsets checked in handoff.c).  No
 * stack, no absolute address: it runs wherever it was copied.
 */
#define SLOT_STATE	4
#define SLOT_CR3	8
#define SLOT_RIP	16
#define SLOT_RSP	24
#define SLOT_WAITING	1
#define SLOT_GO		2
#define SLOT_GONE	3

SYM_CODE_START_NOALIGN(parker_wait_loop)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	cli
	movl	$SLOT_WAITING, SLOT_STATE(%rsi)
1:	pause
	cmpl	$SLOT_GO, SLOT_STATE(%rsi)
	jne	1b
	movq	SLOT_RSP(%rsi), %rsp
	movq	SLOT_RIP(%rsi), %rax
	movq	SLOT_CR3(%rsi), %rcx
	movl	$SLOT_GONE, SLOT_STATE(%rsi)
	movq	%rcx, %cr3
	jmp	*%rax
SYM_CODE_END(parker_wait_loop)
SYM_INNER_LABEL(parker_wait_loop_end, SYM_L_GLOBAL)

/*
 * parker_wait_again(cr3, wait_loop, slot): an application kernel's CPU
 * that went offline returns to its mailbox.  The page table @cr3 maps the
 * wait loop at its physical address and this code where the kernel has it.
 */
SYM_CODE_START(parker_wait_again)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	movq	%rdi, %cr3
	movq	%rsi, %rax
	movq	%rdx, %rsi
	jmp	*%rax
SYM_CODE_END(parker_wait_again)
