/*
 * cupigen-libfuzzer: lets clang's libFuzzer drive a .NET program that calls SharpFuzz's Fuzzer.LibFuzzer.Run.
 *
 * libFuzzer wants a native LLVMFuzzerTestOneInput; the code under test runs in a separate .NET process. This
 * file is the bridge. It starts the target once, then for every input:
 *   - puts the input in a System V shared-memory segment, right after a 64 KiB coverage map;
 *   - writes the input's length (int32) on the control pipe (fd 198 in the target);
 *   - reads the target's status (int32) from the status pipe (fd 199 in the target): 0 = fine, anything else =
 *     an exception escaped (SharpFuzz prints it and the target exits);
 *     (SharpFuzz 2.3.0, as traced with strace: one 4-byte 0 when ready, then one 4-byte read of the length and
 *     one 4-byte status per input, 2 when the action threw)
 *   - copies the map, which SharpFuzz's instrumentation filled, into libFuzzer's extra counters, so libFuzzer's
 *     feedback is the .NET code's branches.
 * A non-zero status or a target that dies is a crash: the driver aborts, and libFuzzer saves the input.
 *
 * Build:  clang-14 -fsanitize=fuzzer -O2 -Wall -Wextra -Werror cupigen-libfuzzer.c -o cupigen-libfuzzer
 * Run:    cupigen-libfuzzer --target=PATH [--target-args="ARG ..."] [libFuzzer flags] [CORPUS_DIR ...]
 * libFuzzer ignores flags that begin with "--", so ours reach LLVMFuzzerInitialize untouched. See README.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAP_SIZE 65536               /* SharpFuzz's instrumentation writes a 64 KiB edge map */
#define MAX_INPUT (1024 * 1024)      /* input area after the map; also libFuzzer's own default cap on -max_len */
#define CONTROL_FD 198               /* the target reads input lengths here */
#define STATUS_FD 199                /* the target writes its status here */
#define HANDSHAKE_SECONDS 120        /* .NET start-up plus JIT on a loaded machine; beyond this, give up */
#define MAX_TARGET_ARGS 64

/* libFuzzer reads every byte of this section as an 8-bit counter after each input (documented "extra counters"). */
__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t extra_counters[MAP_SIZE];

/* Every map slot the target has ever hit: libFuzzer's "cov:" counts only instrumented native code (this file),
 * so the driver reports this at exit as the .NET code's coverage. */
static uint64_t ever_hit[MAP_SIZE / 8];

/* The per-input path is left out of libFuzzer's instrumentation: its branches and compares are the driver's, not
 * the target's, and traced compares would only feed libFuzzer's dictionary with input lengths. */
#define NOT_TRACED __attribute__((no_sanitize("coverage")))

static uint8_t *shared;              /* MAP_SIZE bytes of map, then MAX_INPUT bytes of input */
static int control_fd = -1;          /* our write end of the control pipe */
static int status_fd = -1;           /* our read end of the status pipe */
static pid_t child = -1;

static void die(const char *what)
{
    fprintf(stderr, "cupigen-libfuzzer: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* Reads or writes exactly n bytes, across EINTR and short transfers. Returns 0, or -1 on EOF or error. */
NOT_TRACED static int read_all(int fd, void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

NOT_TRACED static int write_all(int fd, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    while (n > 0) {
        ssize_t put = write(fd, p, n);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        p += put;
        n -= (size_t)put;
    }
    return 0;
}

/* The pipes carry the target's native int32, which is little-endian on every platform .NET runs this on. */
NOT_TRACED static int read_int32(int fd, int32_t *value)
{
    uint8_t b[4];
    if (read_all(fd, b, 4) != 0)
        return -1;
    *value = (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
    return 0;
}

NOT_TRACED static int write_int32(int fd, int32_t value)
{
    uint32_t v = (uint32_t)value;
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    return write_all(fd, b, 4);
}

/* Gives a target that is on its way out a moment to finish printing its exception, then reaps it. */
static void reap_child(void)
{
    if (child <= 0)
        return;
    for (int i = 0; i < 50; i++) {
        if (waitpid(child, NULL, WNOHANG) == child) {
            child = -1;
            return;
        }
        struct timespec tenth = {0, 100 * 1000 * 1000};
        nanosleep(&tenth, NULL);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    child = -1;
}

static void report_coverage(void)
{
    const uint8_t *slots = (const uint8_t *)ever_hit;
    int hit = 0;
    for (int i = 0; i < MAP_SIZE; i++)
        hit += slots[i] != 0;
    fprintf(stderr, "cupigen-libfuzzer: the target hit %d of %d map slots\n", hit, MAP_SIZE);
}

static void stop_child(void)
{
    if (control_fd >= 0)
        close(control_fd);    /* the target sees EOF on its control pipe */
    control_fd = -1;
    if (child > 0)
        kill(child, SIGKILL);
    reap_child();
}

/* Splits --target-args on spaces and tabs; the harness's arguments ("libfuzzer json") need nothing more. */
static int split_args(char *text, char **out, int max)
{
    int n = 0;
    for (char *tok = strtok(text, " \t"); tok != NULL; tok = strtok(NULL, " \t")) {
        if (n == max)
            return -1;
        out[n++] = tok;
    }
    return n;
}

/* Moves fd to exactly `want` in the child without clobbering the other pipe end, with close-on-exec cleared. */
static void place_fd(int fd, int want)
{
    if (fd == want) {
        fcntl(fd, F_SETFD, 0);
        return;
    }
    if (dup2(fd, want) < 0)
        _exit(127);
    close(fd);
}

static void start_child(const char *target, char **target_argv, int shm_id)
{
    int control[2], status[2];
    if (pipe2(control, O_CLOEXEC) != 0 || pipe2(status, O_CLOEXEC) != 0)
        die("pipe");

    child = fork();
    if (child < 0)
        die("fork");
    if (child == 0) {
        /* Die with the driver: libFuzzer ends a timed-out or crashed run with _exit, and no atexit runs then. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1)
            _exit(127);
        /* Lift both child ends above 198/199 first, so that placing one cannot overwrite the other. */
        int c = fcntl(control[0], F_DUPFD, 200), s = fcntl(status[1], F_DUPFD, 200);
        if (c < 0 || s < 0)
            _exit(127);
        place_fd(c, CONTROL_FD);
        place_fd(s, STATUS_FD);
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execv(target, target_argv);
        fprintf(stderr, "cupigen-libfuzzer: cannot start %s: %s\n", target, strerror(errno));
        _exit(127);
    }
    close(control[0]);
    close(status[1]);
    control_fd = control[1];
    status_fd = status[0];
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *target = NULL;
    char *target_args = NULL;
    for (int i = 1; i < *argc; i++) {
        const char *arg = (*argv)[i];
        if (strncmp(arg, "--target=", 9) == 0)
            target = arg + 9;
        else if (strncmp(arg, "--target-args=", 14) == 0)
            target_args = strdup(arg + 14);
        else if (strncmp(arg, "-max_len=", 9) == 0 && atol(arg + 9) > MAX_INPUT) {
            fprintf(stderr, "cupigen-libfuzzer: %s is more than the %d-byte input area\n", arg, MAX_INPUT);
            exit(1);
        }
    }
    if (target == NULL) {
        fprintf(stderr, "usage: %s --target=PATH [--target-args=\"ARG ...\"] [libFuzzer flags] [CORPUS ...]\n",
                (*argv)[0]);
        exit(1);
    }

    char *target_argv[MAX_TARGET_ARGS + 2];
    target_argv[0] = (char *)target;
    int n = target_args != NULL ? split_args(target_args, target_argv + 1, MAX_TARGET_ARGS) : 0;
    if (n < 0) {
        fprintf(stderr, "cupigen-libfuzzer: more than %d words in --target-args\n", MAX_TARGET_ARGS);
        exit(1);
    }
    target_argv[n + 1] = NULL;

    /* A dead target must show up as EOF/EPIPE on the pipes, not as a signal that kills the driver. */
    signal(SIGPIPE, SIG_IGN);

    int shm_id = shmget(IPC_PRIVATE, MAP_SIZE + MAX_INPUT, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0)
        die("shmget");
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1)
        die("shmat");

    start_child(target, target_argv, shm_id);

    /* The target writes one int32 once it is attached and ready. */
    struct pollfd ready = {status_fd, POLLIN, 0};
    int polled;
    do
        polled = poll(&ready, 1, HANDSHAKE_SECONDS * 1000);
    while (polled < 0 && errno == EINTR);
    int32_t hello;
    if (polled <= 0 || read_int32(status_fd, &hello) != 0) {
        fprintf(stderr, "cupigen-libfuzzer: %s did not report ready on fd %d%s\n", target, STATUS_FD,
                polled == 0 ? " in time" : " (it exited, or does not call Fuzzer.LibFuzzer.Run?)");
        stop_child();
        shmctl(shm_id, IPC_RMID, NULL);
        exit(1);
    }

    /* Both sides are attached now: mark the segment for removal, so the kernel frees it however we exit. */
    shmctl(shm_id, IPC_RMID, NULL);
    atexit(stop_child);
    atexit(report_coverage);
    fprintf(stderr, "cupigen-libfuzzer: target %s ready (pid %d), %d-byte map, inputs up to %d bytes\n", target,
            (int)child, MAP_SIZE, MAX_INPUT);
    return 0;
}

NOT_TRACED int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT) {
        /* Only a file named on the command line can get here; libFuzzer caps generated inputs at -max_len. */
        fprintf(stderr, "cupigen-libfuzzer: skipping a %zu-byte input, more than the %d-byte input area\n", size,
                MAX_INPUT);
        return -1;
    }

    memset(shared, 0, MAP_SIZE);
    if (size > 0)
        memcpy(shared + MAP_SIZE, data, size);

    int32_t status;
    if (write_int32(control_fd, (int32_t)size) != 0 || read_int32(status_fd, &status) != 0) {
        fprintf(stderr, "cupigen-libfuzzer: the target died on this input (no status on fd %d)\n", STATUS_FD);
        reap_child();
        abort();
    }

    memcpy(extra_counters, shared, MAP_SIZE);
    const uint64_t *map = (const uint64_t *)shared;    /* shmat's memory is page-aligned */
    for (int i = 0; i < MAP_SIZE / 8; i++)
        ever_hit[i] |= map[i];

    if (status != 0) {
        /* SharpFuzz has printed the exception and the target is exiting; let it finish before libFuzzer reports. */
        reap_child();
        fprintf(stderr, "cupigen-libfuzzer: the target threw (status %d)\n", (int)status);
        abort();
    }
    return 0;
}
