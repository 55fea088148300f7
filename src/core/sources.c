/* sources.c - the table of source texts a compilation reads.
 *
 * Each source is a name and its whole text (two NULs after it: the scanner
 * works in place).  Locations are byte offsets into a source; lines and
 * columns are computed only when something asks (a diagnostic printed, a
 * location exported), from a table of line starts built on first use.
 * That table is a cache: asking for a position through a const table
 * fills it, which is why the entries live behind a pointer.
 */
#include "journey/sources.h"

#include <stdlib.h>
#include <string.h>

struct jy_sources {
    jy_source *items;
    size_t n, cap;
};

jy_sources *jy_sources_new(void)
{
    return jy_xcalloc(1, sizeof(jy_sources));
}

void jy_sources_free(jy_sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].name);
        free(s->items[i].text);
        free(s->items[i].line_starts);
    }
    free(s->items);
    free(s);
}

uint32_t jy_sources_add(jy_sources *s, const char *name, char *text, size_t len)
{
    jy_source src = { jy_xstrdup(name), text, len, NULL, 0 };
    VEC_PUSH(s->items, s->n, s->cap, src);
    return (uint32_t)(s->n - 1);
}

const jy_source *jy_sources_get(const jy_sources *s, uint32_t file)
{
    return file < s->n ? &s->items[file] : NULL;
}

size_t jy_sources_count(const jy_sources *s)
{
    return s->n;
}

char *jy_sources_text(jy_sources *s, uint32_t file)
{
    return file < s->n ? s->items[file].text : NULL;
}

/* The entry of file with its line starts, or NULL. */
static jy_source *with_lines(const jy_sources *s, uint32_t file)
{
    if (file >= s->n)
        return NULL;
    jy_source *src = &s->items[file];
    if (src->line_starts)
        return src;
    size_t cap = 64, n = 0;
    uint32_t *ls = jy_xmalloc(cap * sizeof *ls);
    ls[n++] = 0;
    for (const char *p = src->text, *end = src->text + src->len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;) {
        if (n == cap)
            ls = jy_xrealloc(ls, (cap *= 2) * sizeof *ls);
        ls[n++] = (uint32_t)(++p - src->text);
    }
    src->line_starts = ls;
    src->nlines = (uint32_t)n;
    return src;
}

jy_str jy_sources_line(const jy_sources *s, uint32_t file, uint32_t line)
{
    jy_source *src = with_lines(s, file);
    if (!src || line == 0 || line > src->nlines)
        return jy_str_make("", 0);
    size_t start = src->line_starts[line - 1];
    size_t end = line < src->nlines ? src->line_starts[line] - 1 : src->len;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    return jy_str_make(src->text + start, end - start);
}

/* Columns count characters: each byte of an invalid sequence is one. */
static uint32_t column_of(const char *line, size_t n)
{
    uint32_t col = 1;
    for (size_t i = 0; i < n; col++) {
        size_t len = jy_utf8_seq_len((const unsigned char *)line + i, n - i);
        i += len ? len : 1;
    }
    return col;
}

jy_pos jy_sources_position(const jy_sources *s, uint32_t file, uint32_t off)
{
    jy_pos p = { 1, 1 };
    jy_source *src = with_lines(s, file);
    if (!src)
        return p;
    if (off > src->len)
        off = (uint32_t)src->len;
    uint32_t lo = 0, hi = src->nlines - 1;   /* last line start <= off */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo + 1) / 2;
        if (src->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    p.line = lo + 1;
    p.col = column_of(src->text + src->line_starts[lo], off - src->line_starts[lo]);
    return p;
}
