#include "CMappedFiles.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// A fixed table, read by the handler without locks: a slot is usable when its end is non-zero. Registration and
// removal happen on ordinary threads; the handler only reads the bounds and sets the fault flag.
#define SLOTS 64
static _Atomic uintptr_t slot_start[SLOTS];
static _Atomic uintptr_t slot_end[SLOTS];
static _Atomic int slot_faulted[SLOTS];
static _Atomic int slot_taken[SLOTS];
static uintptr_t page_size;

static struct sigaction previous;
static _Atomic int delegated;

int allies_guard_recover(const siginfo_t *info) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t end = atomic_load(&slot_end[i]);
        if (end == 0 || address < atomic_load(&slot_start[i]) || address >= end) continue;
        void *page = (void *)(address & ~(page_size - 1));
        // mmap is a plain system call on Linux; MAP_FIXED replaces the file page that no longer exists.
        if (mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) return 0;
        atomic_store(&slot_faulted[i], 1);
        return 1;
    }
    return 0;
}

static void on_bus(int sig, siginfo_t *info, void *context) {
    if (info != NULL && info->si_code > 0 && allies_guard_recover(info)) return;
    // Not ours: whoever was there before decides. A fault re-executes its instruction on return, meeting the
    // default action; a signal sent by a process is sent again.
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction != NULL) { previous.sa_sigaction(sig, info, context); return; }
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
        return;
    }
    int sent = info == NULL || info->si_code <= 0;
    // An ignored SIGBUS stays ignored when a process sends it; a real fault cannot be ignored (it would recur).
    if (sent && !(previous.sa_flags & SA_SIGINFO) && previous.sa_handler == SIG_IGN) return;
    signal(sig, SIG_DFL);
    if (sent) raise(sig);
}

static void install_if_needed(void) {
    if (atomic_load(&delegated)) return;
    struct sigaction current;
    if (sigaction(SIGBUS, NULL, &current) != 0) return;
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_bus) return;
    struct sigaction ours;
    memset(&ours, 0, sizeof ours);
    ours.sa_sigaction = on_bus;
    sigemptyset(&ours.sa_mask);
    ours.sa_flags = SA_SIGINFO | SA_RESTART;
    previous = current;
    sigaction(SIGBUS, &ours, NULL);
}

int allies_guard_add(const void *start, size_t length) {
    if (page_size == 0) page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < SLOTS; i++) {
        int expected = 0;
        if (!atomic_compare_exchange_strong(&slot_taken[i], &expected, 1)) continue;
        atomic_store(&slot_faulted[i], 0);
        atomic_store(&slot_start[i], (uintptr_t)start);
        atomic_store(&slot_end[i], (uintptr_t)start + length);
        install_if_needed();
        return i;
    }
    return -1;
}

void allies_guard_remove(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    atomic_store(&slot_end[slot], 0);
    atomic_store(&slot_start[slot], 0);
    atomic_store(&slot_taken[slot], 0);
}

int allies_guard_faulted(int slot) {
    if (slot < 0 || slot >= SLOTS) return 0;
    return atomic_load(&slot_faulted[slot]);
}

void allies_guard_delegate(int installed) {
    atomic_store(&delegated, installed ? 1 : 0);
    if (installed) return;
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&slot_end[i]) != 0) { install_if_needed(); return; }
    }
}
