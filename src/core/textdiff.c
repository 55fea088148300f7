/* textdiff.c - unified diffs of texts (textdiff.h).
 *
 * Lines are compared by hash, then bytes.  The common head and tail are
 * set aside first; Myers's greedy O((N+M)D) search runs on what is left,
 * keeping each round's frontier for the walk back, which costs O(D^2)
 * memory: it gives up beyond MAX_EDITS edits and shows the middle removed
 * and added whole.  The edit script then becomes hunks with CONTEXT lines
 * around each change, hunks closer than twice that merged, as diff -u does.
 */
#include "journey/textdiff.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define MAX_EDITS 1000

typedef struct {
    const char *s;
    size_t n;          /* with its line feed, if it has one */
    uint32_t hash;
} line;

typedef struct {
    line *v;
    size_t n;
} lines;

static lines split(const char *t, size_t len)
{
    lines l = { NULL, 0 };
    size_t cap = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - t) + 1 : len;
        line x = { t + i, end - i, jy_str_hash(jy_str_make(t + i, end - i)) };
        VEC_PUSH(l.v, l.n, cap, x);
        i = end;
    }
    return l;
}

static bool same(const line *a, const line *b)
{
    return a->hash == b->hash && a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* One step of the script: ' ' a line of both, '-' of a only, '+' of b only;
 * ai and bi the lines' indices (the other side's where it has none: the
 * index of the next line there). */
typedef struct {
    char op;
    size_t ai, bi;
} edit;

typedef struct {
    edit *v;
    size_t n, cap;
} script;

static void push(script *s, char op, size_t ai, size_t bi)
{
    edit e = { op, ai, bi };
    VEC_PUSH(s->v, s->n, s->cap, e);
}

/* The edits from a[lo_a, lo_a+N) to b[lo_b, lo_b+M), appended in order;
 * false when they are more than MAX_EDITS (nothing appended). */
static bool myers(script *out, const lines *a, const lines *b, size_t lo_a, size_t lo_b, size_t N, size_t M)
{
    long n = (long)N, m = (long)M, max = n + m;
    if (max > MAX_EDITS)
        max = MAX_EDITS;
    long off = max + 1;
    long *v = jy_xcalloc((size_t)(2 * off + 1), sizeof *v);
    /* trace[d]: v[-d-1 .. d+1] as it was before round d. */
    long **trace = jy_xcalloc((size_t)max + 1, sizeof *trace);
    long found = -1;
    for (long d = 0; d <= max && found < 0; d++) {
        trace[d] = jy_xmalloc((size_t)(2 * d + 3) * sizeof **trace);
        memcpy(trace[d], v + off - d - 1, (size_t)(2 * d + 3) * sizeof *v);
        for (long k = -d; k <= d; k += 2) {
            long x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && same(&a->v[lo_a + (size_t)x], &b->v[lo_b + (size_t)y]))
                x++, y++;
            v[off + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    bool ok = found >= 0;
    if (ok) {
        script rev = { NULL, 0, 0 };
        long x = n, y = m;
        for (long d = found; d >= 0; d--) {
            const long *t = trace[d] + d + 1;   /* t[k] for k in [-d-1, d+1] */
            long k = x - y;
            long pk = k == -d || (k != d && t[k - 1] < t[k + 1]) ? k + 1 : k - 1;
            long px = t[pk], py = px - pk;
            while (x > px && y > py) {
                x--, y--;
                push(&rev, ' ', lo_a + (size_t)x, lo_b + (size_t)y);
            }
            if (d > 0) {
                if (x == px)
                    push(&rev, '+', lo_a + (size_t)x, lo_b + (size_t)py);
                else
                    push(&rev, '-', lo_a + (size_t)px, lo_b + (size_t)y);
            }
            x = px, y = py;
        }
        for (size_t i = rev.n; i-- > 0;)
            push(out, rev.v[i].op, rev.v[i].ai, rev.v[i].bi);
        free(rev.v);
    }
    for (long d = 0; d <= max; d++)
        free(trace[d]);
    free(trace);
    free(v);
    return ok;
}

static void add_line(jy_buf *out, char op, const line *l)
{
    jy_buf_addc(out, op);
    jy_buf_add(out, l->s, l->n);
    if (!l->n || l->s[l->n - 1] != '\n')
        jy_buf_adds(out, "\n\\ No newline at end of file\n");
}

/* "l,n", or "l" when n is 1; an empty range names the line before it. */
static void range(jy_buf *out, size_t first, size_t count)
{
    if (count == 1)
        jy_buf_printf(out, "%zu", first + 1);
    else
        jy_buf_printf(out, "%zu,%zu", count ? first + 1 : first, count);
}

void jy_textdiff_unified(jy_buf *out, const char *a, size_t alen, const char *b, size_t blen, const char *a_label,
                         const char *b_label)
{
    lines la = split(a, alen), lb = split(b, blen);
    size_t head = 0;
    while (head < la.n && head < lb.n && same(&la.v[head], &lb.v[head]))
        head++;
    size_t tail = 0;
    while (tail < la.n - head && tail < lb.n - head && same(&la.v[la.n - 1 - tail], &lb.v[lb.n - 1 - tail]))
        tail++;
    if (head == la.n && head == lb.n) {
        free(la.v);
        free(lb.v);
        return;
    }
    script s = { NULL, 0, 0 };
    for (size_t i = 0; i < head; i++)
        push(&s, ' ', i, i);
    size_t na = la.n - head - tail, nb = lb.n - head - tail;
    if (!myers(&s, &la, &lb, head, head, na, nb)) {
        for (size_t i = 0; i < na; i++)
            push(&s, '-', head + i, head);
        for (size_t i = 0; i < nb; i++)
            push(&s, '+', head + na, head + i);
    }
    for (size_t i = 0; i < tail; i++)
        push(&s, ' ', la.n - tail + i, lb.n - tail + i);

    jy_buf_printf(out, "--- %s\n+++ %s\n", a_label, b_label);
    size_t i = 0;
    while (i < s.n) {
        while (i < s.n && s.v[i].op == ' ')
            i++;
        if (i == s.n)
            break;
        /* A hunk: from CONTEXT lines before this change to CONTEXT after
         * the last change that is no more than 2 * CONTEXT lines on. */
        size_t start = i > CONTEXT ? i - CONTEXT : 0, end = i;
        for (;;) {
            while (end < s.n && s.v[end].op != ' ')
                end++;
            size_t next = end;
            while (next < s.n && s.v[next].op == ' ')
                next++;
            if (next < s.n && next - end <= 2 * CONTEXT) {
                end = next;
                continue;
            }
            end = end + CONTEXT < s.n ? end + CONTEXT : s.n;
            break;
        }
        size_t ca = 0, cb = 0;
        for (size_t k = start; k < end; k++) {
            ca += s.v[k].op != '+';
            cb += s.v[k].op != '-';
        }
        jy_buf_adds(out, "@@ -");
        range(out, s.v[start].ai, ca);
        jy_buf_adds(out, " +");
        range(out, s.v[start].bi, cb);
        jy_buf_adds(out, " @@\n");
        for (size_t k = start; k < end; k++)
            add_line(out, s.v[k].op, s.v[k].op == '+' ? &lb.v[s.v[k].bi] : &la.v[s.v[k].ai]);
        i = end;
    }
    free(s.v);
    free(la.v);
    free(lb.v);
}
