/* str.c - string views, growable buffers, UTF-8 and edit distance. */
#include "journey/core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool jy_str_eq(jy_str a, jy_str b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.s, b.s, a.n) == 0);
}

bool jy_str_eqz(jy_str a, const char *z)
{
    size_t n = strlen(z);
    return a.n == n && memcmp(a.s, z, n) == 0;
}

jy_str jy_str_dup(jy_arena *a, jy_str s)
{
    return jy_str_make(jy_arena_strndup(a, s.s, s.n), s.n);
}

void jy_buf_reserve(jy_buf *b, size_t extra)
{
    if (b->cap - b->len > extra)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= extra)
        cap *= 2;
    b->p = jy_xrealloc(b->p, cap);
    b->cap = cap;
}

void jy_buf_add(jy_buf *b, const void *p, size_t n)
{
    if (!n)
        return;   /* an empty jy_str may hold no pointer */
    jy_buf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

void jy_buf_addc(jy_buf *b, char c)
{
    jy_buf_reserve(b, 1);
    b->p[b->len++] = c;
}

void jy_buf_adds(jy_buf *b, const char *z)
{
    jy_buf_add(b, z, strlen(z));
}

void jy_buf_addstr(jy_buf *b, jy_str s)
{
    jy_buf_add(b, s.s, s.n);
}

void jy_buf_printf(jy_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        jy_buf_add(b, small, (size_t)n);
        return;
    }
    jy_buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void jy_buf_free(jy_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

const char *jy_buf_cstr(jy_buf *b)
{
    jy_buf_reserve(b, 1);
    b->p[b->len] = '\0';
    return b->p;
}

size_t jy_utf8_seq_len(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    size_t len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

size_t jy_utf8_count(const char *p, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)p[i] & 0xC0) != 0x80;
    return count;
}

uint32_t jy_utf8_decode(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (len <= 1)
        return len ? u[0] : 0;
    uint32_t cp = u[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (u[i] & 0x3F);
    return cp;
}

const char *jy_utf8_forbidden(uint32_t cp)
{
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F))
        return "a control character";
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return "a surrogate";
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
        return "a noncharacter";
    return NULL;
}

int jy_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

unsigned jy_edit_distance(jy_str a, jy_str b, unsigned limit)
{
    size_t n = a.n, m = b.n;
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    if (m > 64 || n > 64)
        return limit + 1;   /* names that long are never near misses */
    unsigned rows[3][65];
    unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        unsigned best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = a.s[i - 1] != b.s[j - 1];
            unsigned v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a.s[i - 1] == b.s[j - 2] && a.s[i - 2] == b.s[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        unsigned *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > limit ? limit + 1 : prev[m];
}

const char *jy_suggest(jy_str word, const char *const *words, size_t n)
{
    return jy_suggest_within(word, words, n, word.n <= 3 ? 1 : word.n <= 6 ? 2 : 3);
}

const char *jy_suggest_within(jy_str word, const char *const *words, size_t n, unsigned limit)
{
    const char *best = NULL;
    unsigned best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        unsigned d = jy_edit_distance(word, jy_str_make(words[i], strlen(words[i])), limit);
        if (d < best_d && d < word.n) {
            best_d = d;
            best = words[i];
        }
    }
    return best;
}
