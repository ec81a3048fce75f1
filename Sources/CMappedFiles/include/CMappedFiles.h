// A guard for mapped files: reading a page of a mapping past the end of a file that shrank after it was mapped
// raises SIGBUS. Over a guarded range, the SIGBUS handler maps a page of zeros in its place and notes the fault, so
// the reader meets bytes that are not JSON, stops with an error, and the loader reports that the file changed
// instead of the process dying. Faults outside guarded ranges go on to the handler that was there before.
#ifndef ALLIES_CMAPPEDFILES_H
#define ALLIES_CMAPPEDFILES_H

#include <signal.h>
#include <stddef.h>

/// Guards [start, start + length). Installs the SIGBUS handler if it is not the current one. Returns a slot for
/// `allies_guard_faulted` and `allies_guard_remove`, or -1 when every slot is taken (the caller then reads the
/// file instead of mapping it).
int allies_guard_add(const void *start, size_t length);

/// Stops guarding the slot's range (before it is unmapped).
void allies_guard_remove(int slot);

/// Whether a page of the slot's range was replaced by zeros since `allies_guard_add`.
int allies_guard_faulted(int slot);

/// For another SIGBUS handler that may run first (the terminal's crash handler): replaces the page if the fault is
/// in a guarded range and returns 1, else 0. Async-signal-safe.
int allies_guard_recover(const siginfo_t *info);

/// Called by another SIGBUS handler that calls `allies_guard_recover` first (the terminal's crash handler) while it is
/// installed: 1 when it takes over, 0 when it is gone. While it is installed the guard does not install itself over it
/// (the two would each hand unknown faults to the other forever); when it is gone, the guard installs itself again if
/// a mapping is still guarded (a load still running).
void allies_guard_delegate(int installed);

#endif
