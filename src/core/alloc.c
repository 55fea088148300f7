/* alloc.c - allocation that never fails, and the compilation arena.
 *
 * "Never fails" as seen by the caller of jy_xmalloc: when memory runs out,
 * jy_out_of_memory jumps back to the innermost guard (core.h), which the
 * public entry points set, and the entry point reports the failure.  The
 * library never exits.
 *
 * The arena hands out zeroed, 8-byte aligned memory from chunks that grow
 * geometrically (64 KiB up to 64 MiB); a request larger than a quarter of
 * a chunk gets a chunk of its own so that little is wasted.  Nothing is freed
 * individually: jy_arena_free releases every chunk at once.
 */
#include "journey/core.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* The guards of this thread, innermost first. */
static _Thread_local jy_guard *guard_top;

void jy_guard_enter(jy_guard *g)
{
    g->prev = guard_top;
    guard_top = g;
}

void jy_guard_leave(jy_guard *g)
{
    guard_top = g->prev;
}

void jy_out_of_memory(void)
{
    jy_guard *g = guard_top;
    if (!g)
        abort();
    guard_top = g->prev;
    longjmp(g->env, 1);
}

void *jy_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        jy_out_of_memory();
    return p;
}

void *jy_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        jy_out_of_memory();
    return p;
}

void *jy_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        jy_out_of_memory();
    return p;
}

char *jy_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(jy_xmalloc(n), s, n);
}

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    void *map;                 /* the mapping that holds this chunk */
    size_t map_len;
    max_align_t data[];
} chunk;

struct jy_arena {
    chunk *head;
    size_t next_size;
    size_t total;
};

#define HUGE_PAGE ((size_t)2 << 20)

jy_arena *jy_arena_new(void)
{
    jy_arena *a = jy_xcalloc(1, sizeof *a);
    a->next_size = 64 * 1024;
    return a;
}

void jy_arena_free(jy_arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        munmap(c->map, c->map_len);
    }
    free(a);
}

/* Chunks come straight from mmap: the kernel hands them over zeroed, so
 * jy_arena_alloc never clears memory itself, and chunks of 2 MiB and more are
 * aligned and marked for transparent huge pages, which cuts page faults
 * on large maps by a factor of 512. */
static chunk *arena_chunk(jy_arena *a, size_t size)
{
    size_t len = sizeof(chunk) + size;
    bool huge = len >= HUGE_PAGE;
    if (huge)
        len = (len + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    size_t map_len = huge ? len + HUGE_PAGE : len;
    char *base = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        jy_out_of_memory();
    char *start = base;
    if (huge) {
        start = (char *)(((uintptr_t)base + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
        if (start > base)
            munmap(base, (size_t)(start - base));
        size_t tail = (size_t)(base + map_len - (start + len));
        if (tail)
            munmap(start + len, tail);
        map_len = len;
#ifdef MADV_HUGEPAGE
        madvise(start, len, MADV_HUGEPAGE);
#endif
    }
    chunk *c = (chunk *)start;
    c->map = start;
    c->map_len = map_len;
    c->size = len - sizeof(chunk);
    c->used = 0;
    a->total += map_len;
    return c;
}

void *jy_arena_alloc(jy_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        if (n > a->next_size / 4) {
            /* Big request: its own chunk, linked behind the current one so
             * that the current chunk keeps serving small requests. */
            chunk *big = arena_chunk(a, n);
            big->used = n;
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            return big->data;
        }
        c = arena_chunk(a, a->next_size);
        c->next = a->head;
        a->head = c;
        if (a->next_size < 64 * 1024 * 1024)
            a->next_size *= 2;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *jy_arena_strndup(jy_arena *a, const char *s, size_t n)
{
    char *p = jy_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

size_t jy_arena_bytes(const jy_arena *a)
{
    return a->total;
}
