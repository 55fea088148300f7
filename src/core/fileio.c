/* fileio.c - reading whole files, and writing output atomically.
 *
 * Reading: the whole file goes into one buffer with two NUL bytes after it
 * (the scanner works in place on it).  Standard input and pipes are read
 * in pieces; every read stops at JY_MAX_FILE_SIZE so that /dev/zero or a
 * runaway pipe ends with a clear error instead of exhausting memory.
 *
 * Writing: output goes to a temporary file created beside the destination
 * (same directory, so rename(2) is atomic), is flushed and fsync'd, and is
 * renamed over the destination only on commit.  A failed run removes the
 * temporary and leaves whatever was at the destination untouched.  A run
 * stopped by SIGINT, SIGTERM, SIGHUP or SIGPIPE removes its temporaries
 * too (a handler unlinks them, then the signal takes its course); only
 * SIGKILL can leave one behind, and never a damaged destination.
 */
#include "journey/core.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

jy_read_status file_read(const char *path, bool regular_only, char **data, size_t *len, int *err_no)
{
    *data = NULL;
    *len = 0;
    *err_no = 0;
    int fd;
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        fd = 0;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            *err_no = errno;
            return errno == ENOENT || errno == ENOTDIR ? JY_READ_NOT_FOUND : JY_READ_ERROR;
        }
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *err_no = errno;
        if (!is_stdin)
            close(fd);
        return JY_READ_ERROR;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        return JY_READ_IS_DIR;
    }
    /* Devices never hold a map (and /dev/zero never ends); pipes and
     * standard input are fine for a file named on the command line. */
    if ((regular_only && !S_ISREG(st.st_mode)) ||
        (!is_stdin && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))) {
        if (!is_stdin)
            close(fd);
        return JY_READ_NOT_REGULAR;
    }
    if (!is_stdin) {
        /* O_NONBLOCK only guarded the open against FIFOs; read blocking. */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > JY_MAX_FILE_SIZE) {
        if (!is_stdin)
            close(fd);
        return JY_READ_TOO_LARGE;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    char *buf = xmalloc(cap + 2);
#ifdef MADV_HUGEPAGE
    /* A large file goes on transparent huge pages where the buffer allows
     * (its 2 MiB-aligned middle), as the arena's chunks do (alloc.c): the
     * read then takes 512 times fewer page faults. */
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)buf + huge - 1) & ~(huge - 1), to = ((uintptr_t)buf + cap) & ~(huge - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
    size_t n = 0;
    jy_read_status status = JY_READ_OK;
    for (;;) {
        if (n == cap) {
            if (cap > JY_MAX_FILE_SIZE) {
                status = JY_READ_TOO_LARGE;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap + 2);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *err_no = errno;
            status = errno == EISDIR ? JY_READ_IS_DIR : JY_READ_ERROR;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (status == JY_READ_OK && n > JY_MAX_FILE_SIZE)
        status = JY_READ_TOO_LARGE;
    if (!is_stdin)
        close(fd);
    if (status != JY_READ_OK) {
        free(buf);
        return status;
    }
    buf[n] = buf[n + 1] = '\0';
    *data = buf;
    *len = n;
    return JY_READ_OK;
}

const char *file_read_status_text(jy_read_status st, int err_no)
{
    switch (st) {
    case JY_READ_OK: return "ok";
    case JY_READ_NOT_FOUND: return "no such file";
    case JY_READ_IS_DIR: return "is a directory";
    case JY_READ_NOT_REGULAR: return "not a regular file";
    case JY_READ_TOO_LARGE: return "file too large (the limit is 256 MiB)";
    case JY_READ_NO_MEMORY: return "out of memory";
    case JY_READ_ERROR: break;
    }
    return err_no ? strerror(err_no) : "read error";
}

struct jy_outfile {
    char *path;
    char *tmp;
    FILE *f;
    bool is_stdout;
};

/* The temporaries being written, for the signal handler: a fixed table
 * of paths it can read without locks (set before a file is created,
 * cleared after it is renamed or removed). */
#define MAX_PENDING 8
static char *volatile pending[MAX_PENDING];
static volatile sig_atomic_t handlers_installed;

static void remove_pending(int sig)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track(char *tmp)
{
    if (!handlers_installed) {
        static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = remove_pending;
            sigemptyset(&sa.sa_mask);
            /* A signal the caller chose to ignore stays ignored. */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
                sigaction(sigs[i], &sa, NULL);
        }
        handlers_installed = 1;
    }
    for (int i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
}

jy_outfile *outfile_open(const char *path, int *err_no)
{
    jy_outfile *o = xcalloc(1, sizeof *o);
    *err_no = 0;
    if (strcmp(path, "-") == 0) {
        o->is_stdout = true;
        o->f = stdout;
        return o;
    }
    o->path = xstrdup(path);
    size_t n = strlen(path);
    o->tmp = xmalloc(n + 16);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    /* ".name.XXXXXX" beside the destination: hidden, same file system. */
    memcpy(o->tmp, path, dirlen);
    o->tmp[dirlen] = '.';
    strcpy(o->tmp + dirlen + 1, path + dirlen);
    strcat(o->tmp, ".XXXXXX");
    track(o->tmp);   /* before it exists: no moment when it is not known */
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        *err_no = errno;
        untrack(o->tmp);
        free(o->path);
        free(o->tmp);
        free(o);
        return NULL;
    }
    /* Keep the permissions a new file would get (mkstemp uses 0600). */
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    if (stat(path, &st) == 0)
        fchmod(fd, st.st_mode & 07777);
    else
        fchmod(fd, 0666 & ~mask);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        *err_no = errno;
        close(fd);
        unlink(o->tmp);
        untrack(o->tmp);
        free(o->path);
        free(o->tmp);
        free(o);
        return NULL;
    }
    return o;
}

FILE *outfile_stream(jy_outfile *o)
{
    return o->f;
}

static void outfile_release(jy_outfile *o)
{
    if (o->tmp)
        untrack(o->tmp);
    free(o->path);
    free(o->tmp);
    free(o);
}

/* Flushes the temporary to disk and moves it into place: renamed over the
 * destination, or linked to it (link(2) fails with EEXIST rather than
 * replace, even when another process creates the file meanwhile). */
static int outfile_finish(jy_outfile *o, int *err_no, bool replace)
{
    *err_no = 0;
    int rc = 0;
    if (o->is_stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = -1, *err_no = errno;
        outfile_release(o);
        return rc;
    }
    if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
        rc = -1, *err_no = errno;
    if (fclose(o->f) != 0 && rc == 0)
        rc = -1, *err_no = errno;
    if (rc == 0 && (replace ? rename(o->tmp, o->path) : link(o->tmp, o->path)) != 0)
        rc = -1, *err_no = errno;
    if (rc != 0 || !replace)
        unlink(o->tmp);
    outfile_release(o);
    return rc;
}

int outfile_commit(jy_outfile *o, int *err_no)
{
    return outfile_finish(o, err_no, true);
}

int outfile_commit_new(jy_outfile *o, int *err_no)
{
    return outfile_finish(o, err_no, false);
}

void outfile_abort(jy_outfile *o)
{
    if (!o->is_stdout) {
        fclose(o->f);
        unlink(o->tmp);
    }
    outfile_release(o);
}
