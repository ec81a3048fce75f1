// The C side of the ncurses backend: what Swift cannot import from curses.h and term.h (function-like macros,
// attribute macros, mutable globals, variadic functions) wrapped in static inline functions. No state lives here:
// the signal flags are Swift atomics in AlliesTerminal.
#ifndef ALLIES_CNCURSESW_SHIM_H
#define ALLIES_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <ncursesw/curses.h>
// Last: term.h defines many lower-case macros (lines, columns, ...) that must not touch the headers above.
#include <ncursesw/term.h>

// glibc hides wcwidth from Swift.
extern int wcwidth(wchar_t);

// Mutable C globals Swift 6 refuses.
static inline WINDOW *allies_stdscr(void) { return stdscr; }
static inline WINDOW *allies_curscr(void) { return curscr; }
static inline FILE *allies_stdout(void) { return stdout; }
static inline FILE *allies_stdin(void) { return stdin; }
static inline FILE *allies_stderr(void) { return stderr; }
static inline TERMINAL *allies_cur_term(void) { return cur_term; }

static inline int allies_colors(void) { return COLORS; }
static inline int allies_color_pairs(void) { return COLOR_PAIRS; }
static inline int allies_lines(void) { return getmaxy(stdscr); }
static inline int allies_cols(void) { return getmaxx(stdscr); }

// Attribute macros.
static inline attr_t allies_a_normal(void) { return A_NORMAL; }
static inline attr_t allies_a_bold(void) { return A_BOLD; }
static inline attr_t allies_a_dim(void) { return A_DIM; }
static inline attr_t allies_a_underline(void) { return A_UNDERLINE; }
static inline attr_t allies_a_reverse(void) { return A_REVERSE; }

static inline int allies_key_f(int n) { return KEY_F(n); }
static inline int allies_ccharw_max(void) { return CCHARW_MAX; }

// Mouse masks.
static inline mmask_t allies_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t allies_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t allies_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t allies_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t allies_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t allies_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t allies_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t allies_button5_pressed(void) { return 0; }
#endif

// tigetstr answers NULL (absent) or (char *)-1 (not a string capability): both mean "no".
static inline int allies_has_string_cap(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}

// The terminal's size as the kernel knows it (ioctl is variadic).
static inline int allies_window_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// A non-blocking, close-on-exec pipe to wake the main loop (fcntl is variadic).
static inline int allies_wake_pipe(int fds[2]) {
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

// Reads at most one byte from `fd` without blocking and without touching the descriptor's flags (O_NONBLOCK belongs
// to the open file, which the shell shares): 1 (the byte is in `*byte`), 0 (end of file), or -1 with errno (EAGAIN:
// nothing there, the terminal still open). It reads only once poll says the descriptor is readable or hung up, and
// then a read cannot block. The main loop asks this only when poll said "readable" and ncurses then found no input:
// the system's own answer decides whether the terminal is gone, never timing.
static inline long allies_read_byte_now(int fd, unsigned char *byte) {
    struct pollfd p;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    int ready = poll(&p, 1, 0);
    if (ready < 0) return -1;
    if (p.revents & POLLNVAL) { errno = EBADF; return -1; }
    if (ready == 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR))) { errno = EAGAIN; return -1; }
    return (long)read(fd, byte, 1);
}

// sigaction with a siginfo handler, all signals unblocked during it except the one handled, no SA_RESTART (so a
// blocking call returns EINTR and the main loop sees the flag). `old` may be NULL.
typedef void (*allies_signal_handler)(int, siginfo_t *, void *);
static inline int allies_install_handler(int sig, allies_signal_handler handler, struct sigaction *old) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO;
    return sigaction(sig, &action, old);
}

static inline int allies_restore_handler(int sig, const struct sigaction *old) { return sigaction(sig, old, NULL); }

static inline int allies_default_handler(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}

static inline int allies_is_ignored(int sig) {
    struct sigaction current;
    if (sigaction(sig, NULL, &current) != 0) return 0;
    return !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN;
}

// Unblocks `sig` in this thread (a handler re-raising its own signal runs with it blocked).
static inline void allies_unblock(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

// Whether the signal was sent by a process (kill, raise, abort) rather than raised by a faulting instruction.
static inline int allies_sent_by_process(const siginfo_t *info) { return info == NULL || info->si_code <= 0; }

#endif
