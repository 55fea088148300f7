/* journey/core.h - language-neutral building blocks.
 *
 * Memory: everything a compilation allocates lives in one arena and is freed
 * at once with it.  jy_xmalloc and friends never return NULL: running out of
 * memory prints one line and exits with status 2.
 *
 * Strings: a jy_str is a pointer and a length, not NUL-terminated.  Most of
 * them point straight into a source buffer, so the front end copies only
 * text that had to be decoded (escapes, triple-quoted strings).
 */
#ifndef JOURNEY_CORE_H
#define JOURNEY_CORE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define JY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define JY_NORETURN __attribute__((noreturn))
#else
#define JY_PRINTF(f, a)
#define JY_NORETURN
#endif

/* ---- allocation ------------------------------------------------------- */
/* The x* functions never return NULL.  When memory runs out the library
 * does not exit: jy_out_of_memory jumps back to the innermost guard, which
 * every public entry point that allocates sets (jy_guard_enter, then
 * setjmp(g.env): nonzero means memory ran out, and the guard is already
 * left), and that entry point returns its failure to its caller.  Memory
 * allocated with malloc since the guard was set may leak; arenas do not.
 * Out of memory with no guard set is a bug in the library: abort(). */
void *jy_xmalloc(size_t n);
void *jy_xcalloc(size_t count, size_t size);
void *jy_xrealloc(void *p, size_t n);
char *jy_xstrdup(const char *s);
typedef struct jy_guard {
    jmp_buf env;
    struct jy_guard *prev;
} jy_guard;
void jy_guard_enter(jy_guard *g);
void jy_guard_leave(jy_guard *g);
JY_NORETURN void jy_out_of_memory(void);

typedef struct jy_arena jy_arena;
jy_arena *jy_arena_new(void);
void jy_arena_free(jy_arena *a);
void *jy_arena_alloc(jy_arena *a, size_t n);  /* 8-byte aligned, zeroed */
char *jy_arena_strndup(jy_arena *a, const char *s, size_t n);
size_t jy_arena_bytes(const jy_arena *a);     /* bytes obtained from malloc */

/* ---- strings ---------------------------------------------------------- */
typedef struct {
    const char *s;
    uint32_t n;
} jy_str;

#define JY_STR(lit) ((jy_str){ (lit), (uint32_t)(sizeof(lit) - 1) })
static inline jy_str jy_str_make(const char *s, size_t n) { jy_str r = { s, (uint32_t)n }; return r; }
bool jy_str_eq(jy_str a, jy_str b);
bool jy_str_eqz(jy_str a, const char *z);
jy_str jy_str_dup(jy_arena *a, jy_str s);

/* Growable byte buffer (malloc-backed). */
typedef struct {
    char *p;
    size_t len, cap;
} jy_buf;
void jy_buf_reserve(jy_buf *b, size_t extra);
void jy_buf_add(jy_buf *b, const void *p, size_t n);
void jy_buf_addc(jy_buf *b, char c);
void jy_buf_adds(jy_buf *b, const char *z);
void jy_buf_addstr(jy_buf *b, jy_str s);
void jy_buf_printf(jy_buf *b, const char *fmt, ...) JY_PRINTF(2, 3);
void jy_buf_free(jy_buf *b);
const char *jy_buf_cstr(jy_buf *b);           /* NUL-terminates, returns p */

/* Growable array of pointers-sized elements of any type:
 *   T *items = NULL; size_t n = 0, cap = 0;  VEC_PUSH(items, n, cap, x);  */
#define VEC_PUSH(arr, n, cap, val)                                              \
    do {                                                                         \
        if ((n) == (cap)) {                                                      \
            (cap) = (cap) ? (cap) * 2 : 8;                                       \
            (arr) = jy_xrealloc((arr), (cap) * sizeof *(arr));                      \
        }                                                                        \
        (arr)[(n)++] = (val);                                                    \
    } while (0)

/* ---- UTF-8 ------------------------------------------------------------ */
/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 if the
 * bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF, cut). */
size_t jy_utf8_seq_len(const unsigned char *p, size_t n);
/* Number of characters (code points) in valid UTF-8 text; bytes of invalid
 * sequences count one each. */
size_t jy_utf8_count(const char *p, size_t n);
/* Encodes cp (<= 0x10FFFF, not a surrogate) into out; returns bytes. */
int jy_utf8_encode(uint32_t cp, char out[4]);
/* The code point of the valid sequence of len bytes at p (len from
 * jy_utf8_seq_len). */
uint32_t jy_utf8_decode(const char *p, size_t len);
/* Characters that a map's text may not hold: NULL for a character that is
 * fine, else what it is ("a control character": C0 but tab, line feed and
 * carriage return, DEL, C1; "a noncharacter": U+FDD0..U+FDEF and the last two of every
 * plane; "a surrogate").  Every character XML 1.0 forbids is among them. */
const char *jy_utf8_forbidden(uint32_t cp);

/* ---- hash map from string to pointer ---------------------------------- */
typedef struct {
    jy_str key;
    void *val;
    uint32_t hash;
} jy_map_slot;
typedef struct {
    jy_map_slot *slots;
    uint32_t cap, count;
} jy_map;
/* The map's hash of a string (FNV-1a, 32-bit), never 0. */
uint32_t jy_str_hash(jy_str k);
void jy_map_init(jy_map *m);
void jy_map_free(jy_map *m);
void *jy_map_get(const jy_map *m, jy_str key);
/* Inserts key if absent and returns NULL; returns the existing value if
 * present (leaving it in place). */
void *jy_map_put(jy_map *m, jy_str key, void *val);

/* ---- edit distance ---------------------------------------------------- */
/* Optimal string alignment distance (Levenshtein plus transpositions),
 * giving up and returning limit+1 once the distance exceeds limit. */
unsigned jy_edit_distance(jy_str a, jy_str b, unsigned limit);
/* The word of words[0..n) nearest to word, if near enough to be a likely
 * typo: within 1 edit for a word of up to 3 bytes, 2 up to 6, else 3, and
 * fewer edits than the word is long (a word far enough to be rewritten
 * whole keeps nothing of it).  Ties go to the first.  NULL: none. */
const char *jy_suggest(jy_str word, const char *const *words, size_t n);
/* The same with the number of edits given: within `limit` edits. */
const char *jy_suggest_within(jy_str word, const char *const *words, size_t n, unsigned limit);

/* ---- files ------------------------------------------------------------ */
typedef enum {
    JY_READ_OK,
    JY_READ_NOT_FOUND,
    JY_READ_IS_DIR,
    JY_READ_NOT_REGULAR,
    JY_READ_TOO_LARGE,
    JY_READ_ERROR,
    JY_READ_NO_MEMORY          /* compile_*: memory ran out; nothing is set */
} jy_read_status;

/* The largest file the toolchain reads, in bytes. */
#define JY_MAX_FILE_SIZE ((size_t)256 << 20)

/* Reads a whole file ("-" is standard input) into a malloc'd buffer followed
 * by two NUL bytes (the scanner needs them).  Imports pass regular_only to
 * refuse devices and FIFOs.  On failure *err_no holds errno if relevant. */
jy_read_status jy_file_read(const char *path, bool regular_only, char **data, size_t *len, int *err_no);
/* The same, refusing a file of more than max bytes (JY_READ_TOO_LARGE),
 * however it grows while read. */
jy_read_status jy_file_read_max(const char *path, bool regular_only, size_t max, char **data, size_t *len,
                                int *err_no);
const char *jy_file_read_status_text(jy_read_status st, int err_no);

/* ---- output files ------------------------------------------------------ */
/* A file's identity (device and inode), the name to show for it, and
 * whether it was read because another file named it (an import, a
 * baseline, an image); how the map uses it, as a verb ("imports",
 * "draws"), NULL for "imports". */
typedef struct {
    uint64_t dev, ino;
    const char *name;
    bool imported;
    const char *how;
} jy_file_id;
/* The identity of the regular file path names, following symbolic links
 * ("-": standard input); false when it names no regular file. */
bool jy_file_identify(const char *path, jy_file_id *id);

/* Why an output could not be written.  The refusals (IS_INPUT, READ_ONLY,
 * HARD_LINKS, NOT_REGULAR) are decided before anything is written. */
typedef enum {
    JY_OUT_OK,
    JY_OUT_ERRNO,          /* err_no says why */
    JY_OUT_IS_INPUT,       /* the destination is the file protect[input] */
    JY_OUT_READ_ONLY,      /* an existing file whose mode lets nobody write it */
    JY_OUT_HARD_LINKS,     /* an existing file with nlink names: replacing it
                              would break its hard links */
    JY_OUT_NOT_REGULAR     /* a directory, block device or socket; or, with
                              regular_only, anything but a regular file */
} jy_out_status;

typedef struct {
    jy_out_status status;
    int err_no;
    size_t input;
    unsigned long nlink;
} jy_out_error;

typedef struct {
    const jy_file_id *protect;  /* files the output must never replace */
    size_t nprotect;
    bool regular_only;          /* refuse a FIFO or a character device
                                   instead of writing to it (rewriting a file
                                   in place) */
} jy_out_options;

/* Atomic output (fileio.c gives the rules).  path "-" is standard output;
 * a symbolic link is written through to its target; an existing regular
 * file is replaced by a temporary written beside it and renamed into place
 * on commit, keeping its mode (and owner, when allowed); a FIFO or a
 * character device is written directly.  opts may be NULL.  On failure
 * returns NULL and fills *e. */
typedef struct jy_outfile jy_outfile;
jy_outfile *jy_outfile_open(const char *path, const jy_out_options *opts, jy_out_error *e);
/* The stream to write to.  It records the first error of the system (a
 * full disk, EFBIG) and fails every write after it; commit reports it. */
FILE *jy_outfile_stream(jy_outfile *o);
/* Whether writing has failed so far (flushing what is buffered); fills *e. */
bool jy_outfile_failed(jy_outfile *o, jy_out_error *e);
/* Returns 0 on success; on failure (*e filled) the temporary is removed
 * and any existing file at path is left untouched.  Frees o either way. */
int jy_outfile_commit(jy_outfile *o, jy_out_error *e);
/* Like jy_outfile_commit, but fails with EEXIST instead of replacing an
 * existing file. */
int jy_outfile_commit_new(jy_outfile *o, jy_out_error *e);
/* Commits n outputs as one set: each is flushed to disk first, and only
 * when all of them were written are they renamed into place, then the
 * files named in stale removed, with the signals that end a run held
 * meanwhile.  On failure *failed is the output that failed, no rename
 * has been done unless renaming itself failed, and every temporary is
 * removed.  Frees every o[i] either way. */
int jy_outfile_commit_set(jy_outfile **o, size_t n, const char *const *stale, size_t nstale, jy_out_error *e,
                       size_t *failed);
void jy_outfile_abort(jy_outfile *o);
/* Removes every temporary still pending: for a caller whose guard caught
 * memory running out in the middle of a write (the outfiles are lost). */
void jy_outfile_remove_pending(void);

/* Standard output through a stream that records the first write error
 * (glibc forgets it after a failed flush), so that the last word of a run
 * can name it: jy_stdout_guard installs it as stdout, jy_stdout_finish flushes
 * and restores stdout, returning 0 or -1 with *err_no set. */
bool jy_stdout_guard(void);
int jy_stdout_finish(int *err_no);

#endif
