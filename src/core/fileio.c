/* fileio.c - reading whole files, and writing output atomically.
 *
 * Reading: the whole file goes into one buffer with two NUL bytes after it
 * (the scanner works in place on it).  Standard input and pipes are read
 * in pieces; every read stops at JY_MAX_FILE_SIZE so that /dev/zero or a
 * runaway pipe ends with a clear error instead of exhausting memory.
 *
 * Writing (docs/cli.md, "How outputs are written", says the same to users):
 * - Where: a symbolic link is written through to the file it points to, as
 *   editors do (its last component is resolved here; the system follows
 *   those of the directories), so the link stays a link.  /dev/stdout,
 *   /dev/stderr, /dev/fd/N and /proc/self/fd/N stand for that descriptor
 *   and are written to as "-" is.
 * - What is never replaced: a file the command read (the caller's protect
 *   list: the map and everything it imports, compared by device and inode,
 *   so a link or another name of it is caught too); an existing file that
 *   could not be written in place (a mode with no write bit, 0444, even
 *   for root; or access(2) says no); a file with several hard links (a
 *   replacement would be a new inode, silently splitting them); anything
 *   but a regular file.  A FIFO or a character device (/dev/null, a
 *   terminal) is written to directly instead, unless the caller asks for a
 *   regular file only (rewriting a map in place); a directory, block device
 *   or socket is refused.  All of this is decided before anything is
 *   written.
 * - How: a regular file is written to a temporary ".jy-XXXXXX" in the
 *   destination's directory (so rename(2) is atomic; a fixed, short name,
 *   so a destination name of 255 bytes still has one), with the mode of
 *   the file it replaces (and its owner and group when allowed: root) or
 *   that of a new file under the umask.  The stream records the first
 *   error of write(2) (ENOSPC, EFBIG, EIO) so the message can name it;
 *   glibc's own streams drop it after a failed flush.  Commit flushes,
 *   fsyncs and closes, and only then renames; any failure removes the
 *   temporary and leaves the destination as it was.  A set of files
 *   (the pages of a PNG) is committed together: all written and synced
 *   first, then all renamed and the stale files removed, with the ending
 *   signals held so that the set is all old or all new.
 * - Signals: SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGALRM, SIGUSR1,
 *   SIGUSR2 and SIGXFSZ (the CLI ignores the last, so a `ulimit -f` limit
 *   is the error EFBIG instead) run a handler that unlinks the pending
 *   temporaries, then the signal takes its course.  Only SIGKILL can leave
 *   one behind, and never a damaged destination.
 * - Standard output: jy_stdout_guard puts the same error-recording stream in
 *   place of stdout, so "cannot write 'standard output': No space left on
 *   device" can be said at the end of any command.
 */
#include "journey/core.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

jy_read_status jy_file_read(const char *path, bool regular_only, char **data, size_t *len, int *err_no)
{
    return jy_file_read_max(path, regular_only, JY_MAX_FILE_SIZE, data, len, err_no);
}

jy_read_status jy_file_read_max(const char *path, bool regular_only, size_t max, char **data, size_t *len,
                                int *err_no)
{
    *data = NULL;
    *len = 0;
    *err_no = 0;
    int fd;
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        fd = 0;
    } else {
        /* Only regular files wanted: what is something else is not even
         * opened (opening some devices does something). */
        struct stat pre;
        if (regular_only && stat(path, &pre) == 0 && !S_ISREG(pre.st_mode))
            return S_ISDIR(pre.st_mode) ? JY_READ_IS_DIR : JY_READ_NOT_REGULAR;
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
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
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
        if (!is_stdin)
            close(fd);
        return JY_READ_TOO_LARGE;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    char *buf = jy_xmalloc(cap + 2);
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
            if (cap > max) {
                status = JY_READ_TOO_LARGE;
                break;
            }
            cap *= 2;
            buf = jy_xrealloc(buf, cap + 2);
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
    if (status == JY_READ_OK && n > max)
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

const char *jy_file_read_status_text(jy_read_status st, int err_no)
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

bool jy_file_identify(const char *path, jy_file_id *id)
{
    struct stat st;
    bool is_stdin = strcmp(path, "-") == 0;
    if ((is_stdin ? fstat(0, &st) : stat(path, &st)) != 0 || !S_ISREG(st.st_mode))
        return false;
    id->dev = (uint64_t)st.st_dev;
    id->ino = (uint64_t)st.st_ino;
    id->name = is_stdin ? "<stdin>" : path;
    id->imported = false;
    id->how = NULL;
    return true;
}

/* ---- streams that remember their error ------------------------------------ */

/* A stream's end: a file descriptor, and the first error writing to it. */
typedef struct {
    int fd;
    int err;
    bool own;              /* close fd with the stream */
} sink;

static ssize_t sink_write(void *cookie, const char *p, size_t n)
{
    sink *s = cookie;
    if (s->err)
        return 0;          /* glibc's cookie streams: 0 is an error */
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(s->fd, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            /* A descriptor left non-blocking by whoever opened it. */
            struct pollfd pfd = { s->fd, POLLOUT, 0 };
            poll(&pfd, 1, -1);
            continue;
        }
        if (w <= 0) {
            s->err = w < 0 ? errno : EIO;
            return 0;
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static int sink_close(void *cookie)
{
    sink *s = cookie;
    if (s->own && close(s->fd) != 0 && !s->err)
        s->err = errno;
    return s->err ? -1 : 0;
}

static FILE *sink_open(sink *s, int fd, bool own, bool line_buffered)
{
    s->fd = fd;
    s->err = 0;
    s->own = own;
    cookie_io_functions_t io = { NULL, sink_write, NULL, sink_close };
    FILE *f = fopencookie(s, "w", io);
    if (f)
        setvbuf(f, NULL, line_buffered ? _IOLBF : _IOFBF, (size_t)1 << 16);
    return f;
}

/* The error a stream's sink recorded, else errno, else EIO. */
static int sink_error(const sink *s)
{
    return s->err ? s->err : errno ? errno : EIO;
}

static sink stdout_sink;
static FILE *stdout_saved;

bool jy_stdout_guard(void)
{
    if (stdout_saved)
        return true;
    fflush(stdout);
    FILE *f = sink_open(&stdout_sink, 1, false, isatty(1));
    if (!f)
        return false;
    stdout_saved = stdout;
    stdout = f;
    return true;
}

int jy_stdout_finish(int *err_no)
{
    *err_no = 0;
    errno = 0;
    if (!stdout_saved) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            *err_no = errno ? errno : EIO;
            return -1;
        }
        return 0;
    }
    int rc = fclose(stdout) != 0 || stdout_sink.err ? -1 : 0;
    if (rc)
        *err_no = sink_error(&stdout_sink);
    stdout = stdout_saved;
    stdout_saved = NULL;
    return rc;
}

/* The error standard output has met, if any (guarded or not). */
static int stdout_error(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        return stdout_saved ? sink_error(&stdout_sink) : errno ? errno : EIO;
    return 0;
}

/* ---- temporaries removed by the signals that end a run --------------------- */

/* A list the handler walks without locks: a node is complete before one
 * store links it in, and one store unlinks it. */
typedef struct pending {
    struct pending *volatile next;
    char path[];
} pending;

static pending *volatile pending_head;
static volatile sig_atomic_t handlers_installed;

/* Every signal whose default action ends the process and that a user or a
 * system sends to stop a run (SIGXFSZ: a `ulimit -f` reached). */
static const int ending_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGXFSZ };
#define NENDING (sizeof ending_signals / sizeof ending_signals[0])

static void remove_pending(int sig)
{
    int saved = errno;
    for (pending *p = pending_head; p; p = p->next)
        unlink(p->path);
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

static void untrack(pending *p)
{
    if (pending_head == p) {
        pending_head = p->next;
    } else {
        for (pending *q = pending_head; q; q = q->next)
            if (q->next == p) {
                q->next = p->next;
                break;
            }
    }
    free(p);
}

void jy_outfile_remove_pending(void)
{
    while (pending_head) {
        unlink(pending_head->path);
        untrack(pending_head);
    }
}

static pending *track(const char *dir, size_t dirlen)
{
    if (!handlers_installed) {
        for (size_t i = 0; i < NENDING; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = remove_pending;
            sigemptyset(&sa.sa_mask);
            /* A signal the caller chose to ignore stays ignored. */
            if (sigaction(ending_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
                sigaction(ending_signals[i], &sa, NULL);
        }
        handlers_installed = 1;
    }
    /* ".jy-XXXXXX": the same length whatever the destination's name, so
     * that a name of 255 bytes still has a temporary beside it. */
    static const char suffix[] = ".jy-XXXXXX";
    pending *p = jy_xmalloc(sizeof *p + dirlen + sizeof suffix);
    memcpy(p->path, dir, dirlen);
    memcpy(p->path + dirlen, suffix, sizeof suffix);
    p->next = pending_head;
    pending_head = p;   /* before the file exists: no moment when it is not known */
    return p;
}

/* Holds (or releases) the ending signals, so that a set of renames is not
 * cut in the middle. */
static void hold_signals(bool hold, sigset_t *saved)
{
    if (hold) {
        sigset_t set;
        sigemptyset(&set);
        for (size_t i = 0; i < NENDING; i++)
            sigaddset(&set, ending_signals[i]);
        sigprocmask(SIG_BLOCK, &set, saved);
    } else {
        sigprocmask(SIG_SETMASK, saved, NULL);
    }
}

/* ---- output files ------------------------------------------------------------ */

typedef enum { OUT_STDOUT, OUT_DIRECT, OUT_TEMP } out_kind;

struct jy_outfile {
    out_kind kind;
    char *path;            /* OUT_TEMP: the destination, links resolved */
    pending *tmp;          /* OUT_TEMP: the temporary beside it */
    int fd;
    FILE *f;
    sink s;
};

static int fail(jy_out_error *e, jy_out_status st, int err_no)
{
    e->status = st;
    e->err_no = err_no;
    return -1;
}

static bool is_protected(const jy_out_options *opts, const struct stat *st, jy_out_error *e)
{
    if (!S_ISREG(st->st_mode))
        return false;
    for (size_t i = 0; opts && i < opts->nprotect; i++)
        if (opts->protect[i].dev == (uint64_t)st->st_dev && opts->protect[i].ino == (uint64_t)st->st_ino) {
            e->input = i;
            fail(e, JY_OUT_IS_INPUT, 0);
            return true;
        }
    return false;
}

/* The descriptor a path such as /dev/stdout or /proc/self/fd/3 stands
 * for, or -1.  Such a name is written as "-" is: to that descriptor. */
static int fd_alias(const char *p)
{
    if (strcmp(p, "/dev/stdout") == 0)
        return 1;
    if (strcmp(p, "/dev/stderr") == 0)
        return 2;
    char self[64];
    snprintf(self, sizeof self, "/proc/%ld/fd/", (long)getpid());
    const char *rest = NULL;
    if (strncmp(p, "/dev/fd/", 8) == 0)
        rest = p + 8;
    else if (strncmp(p, "/proc/self/fd/", 14) == 0)
        rest = p + 14;
    else if (strncmp(p, "/proc/thread-self/fd/", 21) == 0)
        rest = p + 21;
    else if (strncmp(p, self, strlen(self)) == 0)
        rest = p + strlen(self);
    if (!rest || *rest < '0' || *rest > '9')
        return -1;
    char *end;
    long n = strtol(rest, &end, 10);
    return *end || n > 1 << 20 ? -1 : (int)n;
}

/* Follows the symbolic links of path's last component (those of its
 * directories the system follows anyway).  Returns the final name,
 * malloc'd, with *exists and *st telling what is there; or NULL with
 * *alias set to the descriptor a name like /dev/stdout stands for; or
 * NULL with errno set. */
static char *resolve(const char *path, bool aliases, struct stat *st, bool *exists, int *alias)
{
    char *p = jy_xstrdup(path);
    *alias = -1;
    for (int hops = 0;; hops++) {
        if (aliases && (*alias = fd_alias(p)) >= 0) {
            free(p);
            return NULL;
        }
        if (lstat(p, st) != 0) {
            if (errno != ENOENT) {
                int saved = errno;
                free(p);
                errno = saved;
                return NULL;
            }
            *exists = false;
            return p;
        }
        if (!S_ISLNK(st->st_mode)) {
            *exists = true;
            return p;
        }
        if (hops == 40) {
            free(p);
            errno = ELOOP;
            return NULL;
        }
        size_t cap = (size_t)st->st_size + 1 > 256 ? (size_t)st->st_size + 1 : 256;
        char *target = jy_xmalloc(cap + 1);
        ssize_t n;
        while ((n = readlink(p, target, cap)) >= 0 && (size_t)n == cap) {
            cap *= 2;
            target = jy_xrealloc(target, cap + 1);
        }
        if (n < 0) {
            int saved = errno;
            free(target);
            free(p);
            errno = saved;
            return NULL;
        }
        target[n] = '\0';
        const char *slash = strrchr(p, '/');
        if (target[0] == '/' || !slash) {
            free(p);
            p = target;
        } else {
            size_t dirlen = (size_t)(slash - p) + 1;
            char *joined = jy_xmalloc(dirlen + (size_t)n + 1);
            memcpy(joined, p, dirlen);
            memcpy(joined + dirlen, target, (size_t)n + 1);
            free(target);
            free(p);
            p = joined;
        }
    }
}

static jy_outfile *open_stream(jy_outfile *o, int fd, bool own, jy_out_error *e)
{
    o->fd = fd;
    o->f = sink_open(&o->s, fd, own, false);
    if (!o->f) {
        fail(e, JY_OUT_ERRNO, errno);
        if (own)
            close(fd);
        return NULL;
    }
    return o;
}

/* A descriptor the output goes to directly: standard output as "-", or
 * what /dev/stdout and its kind name. */
static jy_outfile *open_descriptor(jy_outfile *o, int fd, const jy_out_options *opts, jy_out_error *e)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(e, JY_OUT_ERRNO, errno);
        return NULL;
    }
    if (is_protected(opts, &st, e))
        return NULL;
    if (fd == 1) {
        o->kind = OUT_STDOUT;
        o->f = stdout;
        return o;
    }
    int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (dup_fd < 0) {
        fail(e, JY_OUT_ERRNO, errno);
        return NULL;
    }
    o->kind = OUT_DIRECT;
    return open_stream(o, dup_fd, true, e);
}

static jy_outfile *open_file(jy_outfile *o, const char *path, const jy_out_options *opts, jy_out_error *e)
{
    struct stat st;
    bool exists = false;
    int alias;
    char *real = resolve(path, !(opts && opts->regular_only), &st, &exists, &alias);
    if (!real && alias >= 0)
        return open_descriptor(o, alias, opts, e);
    if (!real) {
        fail(e, JY_OUT_ERRNO, errno);
        return NULL;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        fail(e, JY_OUT_ERRNO, EISDIR);
    } else if (exists && !S_ISREG(st.st_mode)) {
        /* A FIFO or a terminal, /dev/null: written to, never replaced. */
        if ((opts && opts->regular_only) || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
            fail(e, JY_OUT_NOT_REGULAR, 0);
        } else {
            int fd = open(real, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd < 0) {
                fail(e, JY_OUT_ERRNO, errno);
            } else {
                free(real);
                o->kind = OUT_DIRECT;
                return open_stream(o, fd, true, e);
            }
        }
    } else if (exists && is_protected(opts, &st, e)) {
        /* e is filled */
    } else if (exists && !(st.st_mode & 0222)) {
        fail(e, JY_OUT_READ_ONLY, 0);
    } else if (exists && access(real, W_OK) != 0) {
        fail(e, JY_OUT_ERRNO, errno);   /* what writing it in place would meet */
    } else if (exists && st.st_nlink > 1) {
        e->nlink = (unsigned long)st.st_nlink;
        fail(e, JY_OUT_HARD_LINKS, 0);
    } else {
        const char *slash = strrchr(real, '/');
        o->tmp = track(real, slash ? (size_t)(slash - real) + 1 : 0);
        int fd = mkostemp(o->tmp->path, O_CLOEXEC);
        if (fd < 0) {
            /* Say what failed as the user sees it: the destination. */
            fail(e, JY_OUT_ERRNO, errno);
            untrack(o->tmp);
            o->tmp = NULL;
        } else {
            if (exists) {
                /* The replacement keeps the owner where the system lets us
                 * (root), then the mode (chown clears set-id bits). */
                if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
                    fchown(fd, st.st_uid, st.st_gid) != 0 && st.st_gid != getegid())
                    (void)!fchown(fd, (uid_t)-1, st.st_gid);
                fchmod(fd, st.st_mode & 07777);
            } else {
                /* The permissions a new file would get (mkstemp uses 0600). */
                mode_t mask = umask(0);
                umask(mask);
                fchmod(fd, 0666 & ~mask);
            }
            o->kind = OUT_TEMP;
            o->path = real;
            if (open_stream(o, fd, true, e))
                return o;
            unlink(o->tmp->path);
            untrack(o->tmp);
            o->tmp = NULL;
            o->path = NULL;
        }
    }
    free(real);
    return NULL;
}

jy_outfile *jy_outfile_open(const char *path, const jy_out_options *opts, jy_out_error *e)
{
    memset(e, 0, sizeof *e);
    jy_outfile *o = jy_xcalloc(1, sizeof *o);
    o->fd = -1;
    jy_outfile *r = strcmp(path, "-") == 0 ? open_descriptor(o, 1, opts, e) : open_file(o, path, opts, e);
    if (!r)
        free(o);
    return r;
}

FILE *jy_outfile_stream(jy_outfile *o)
{
    return o->f;
}

bool jy_outfile_failed(jy_outfile *o, jy_out_error *e)
{
    memset(e, 0, sizeof *e);
    if (o->kind == OUT_STDOUT) {
        int err = stdout_error();
        return err ? fail(e, JY_OUT_ERRNO, err), true : false;
    }
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f) || o->s.err) {
        fail(e, JY_OUT_ERRNO, sink_error(&o->s));
        return true;
    }
    return false;
}

static void outfile_release(jy_outfile *o)
{
    if (o->tmp)
        untrack(o->tmp);
    free(o->path);
    free(o);
}

/* Everything written reaches the file (and, for a temporary, the disk);
 * the stream is closed.  Returns 0 or fills *e. */
static int flush_out(jy_outfile *o, jy_out_error *e)
{
    if (o->kind == OUT_STDOUT) {
        int err = stdout_error();
        return err ? fail(e, JY_OUT_ERRNO, err) : 0;
    }
    errno = 0;
    int rc = 0;
    if (fflush(o->f) != 0 || ferror(o->f) || o->s.err)
        rc = fail(e, JY_OUT_ERRNO, sink_error(&o->s));
    else if (o->kind == OUT_TEMP && fsync(o->fd) != 0)
        rc = fail(e, JY_OUT_ERRNO, errno);
    if (fclose(o->f) != 0 && rc == 0)
        rc = fail(e, JY_OUT_ERRNO, sink_error(&o->s));
    o->f = NULL;
    return rc;
}

int jy_outfile_commit_set(jy_outfile **o, size_t n, const char *const *stale, size_t nstale, jy_out_error *e,
                       size_t *failed)
{
    memset(e, 0, sizeof *e);
    *failed = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        if (flush_out(o[i], rc == 0 ? e : &(jy_out_error){ 0 }) != 0 && rc == 0) {
            rc = -1;
            *failed = i;
        }
    sigset_t saved;
    hold_signals(true, &saved);
    for (size_t i = 0; i < n; i++) {
        if (o[i]->kind != OUT_TEMP)
            continue;
        if (rc == 0 && rename(o[i]->tmp->path, o[i]->path) != 0) {
            rc = fail(e, JY_OUT_ERRNO, errno);
            *failed = i;
        }
        if (rc != 0)
            unlink(o[i]->tmp->path);
    }
    for (size_t i = 0; rc == 0 && i < nstale; i++)
        unlink(stale[i]);
    for (size_t i = 0; i < n; i++)
        outfile_release(o[i]);
    hold_signals(false, &saved);
    return rc;
}

int jy_outfile_commit(jy_outfile *o, jy_out_error *e)
{
    size_t failed;
    return jy_outfile_commit_set(&o, 1, NULL, 0, e, &failed);
}

int jy_outfile_commit_new(jy_outfile *o, jy_out_error *e)
{
    memset(e, 0, sizeof *e);
    int rc = flush_out(o, e);
    if (o->kind == OUT_TEMP) {
        /* link(2) fails with EEXIST rather than replace, even when another
         * process creates the file meanwhile. */
        if (rc == 0 && link(o->tmp->path, o->path) != 0)
            rc = fail(e, JY_OUT_ERRNO, errno);
        unlink(o->tmp->path);
    }
    outfile_release(o);
    return rc;
}

void jy_outfile_abort(jy_outfile *o)
{
    if (o->kind != OUT_STDOUT && o->f)
        fclose(o->f);
    if (o->kind == OUT_TEMP)
        unlink(o->tmp->path);
    outfile_release(o);
}
