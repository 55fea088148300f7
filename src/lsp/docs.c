/* docs.c - the open documents, their URIs, and positions in them.
 *
 * Design notes
 * - The client's text is the truth for an open document: the checker
 *   reads it (and, for a library another document imports, the loader
 *   reads it through the overlay, src/lsp/analysis.c) instead of the file.
 * - LSP positions are a line and a character counted in UTF-16 code
 *   units; the engine's locations are byte offsets.  A character of four
 *   UTF-8 bytes is two units, any other one; each byte of an invalid
 *   sequence counts as one (it cannot come from JSON, but the conversion
 *   must not care).  Lines end at "\n" or "\r\n".  Positions out of range
 *   are clamped, never an error: a character past a line's end is its end.
 * - A leading byte order mark is kept apart: the engine never sees it, and
 *   positions on the first line move by its one unit.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

lsp_doc *lsp_doc_find(lsp_docs *s, const char *uri)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

lsp_doc *lsp_doc_find_path(lsp_docs *s, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->docs[i]->path, path) == 0)
            return s->docs[i];
    return NULL;
}

void lsp_doc_set_text(lsp_doc *d, const char *text, size_t len)
{
    d->bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    if (d->bom) {
        text += 3;
        len -= 3;
    }
    free(d->text);
    d->text = jy_xmalloc(len + 1);
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    free(d->lines);
    d->lines = lsp_line_starts(d->text, d->len, &d->nlines);
}

lsp_doc *lsp_doc_open(lsp_docs *s, const char *uri, const char *text, size_t len, int64_t version)
{
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d) {
        d = jy_xcalloc(1, sizeof *d);
        d->uri = jy_xstrdup(uri);
        char *p = lsp_uri_to_path(uri);
        d->path = p ? p : jy_xstrdup(uri);
        VEC_PUSH(s->docs, s->n, s->cap, d);
    }
    lsp_doc_set_text(d, text, len);
    d->version = version;
    return d;
}

/* A document's analysis is its owner's to free (server.c), before the
 * document goes: the store sits below the analysis, which reads it. */
static void doc_free(lsp_doc *d)
{
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d->lines);
    free(d);
}

void lsp_doc_close(lsp_docs *s, lsp_doc *d)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->docs[i] == d) {
            memmove(&s->docs[i], &s->docs[i + 1], (s->n - i - 1) * sizeof *s->docs);
            s->n--;
            break;
        }
    doc_free(d);
}

void lsp_docs_free(lsp_docs *s)
{
    for (size_t i = 0; i < s->n; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    memset(s, 0, sizeof *s);
}

/* ---- URIs ------------------------------------------------------------------ */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *lsp_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') {   /* file://localhost/... */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    jy_buf b = { 0 };
    for (; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            char c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            if (c == '\0') {
                jy_buf_free(&b);
                return NULL;
            }
            jy_buf_addc(&b, c);
            p += 2;
        } else {
            jy_buf_addc(&b, *p);
        }
    }
    jy_buf_cstr(&b);
    char *n = lsp_normalize_path(b.p);
    jy_buf_free(&b);
    return n;
}

char *lsp_path_to_uri(const char *path)
{
    jy_buf b = { 0 };
    jy_buf_adds(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("/-_.~", *p))
            jy_buf_addc(&b, (char)*p);
        else
            jy_buf_printf(&b, "%%%02X", *p);
    }
    jy_buf_cstr(&b);
    return b.p;
}

char *lsp_normalize_path(const char *path)
{
    /* The segments kept, as (start, length) in path. */
    size_t n = strlen(path), nseg = 0;
    size_t (*seg)[2] = jy_xmalloc((n / 2 + 2) * sizeof *seg);
    bool abs = path[0] == '/';
    for (size_t p = 0; p < n;) {
        while (p < n && path[p] == '/')
            p++;
        size_t start = p;
        while (p < n && path[p] != '/')
            p++;
        size_t len = p - start;
        if (len == 0 || (len == 1 && path[start] == '.'))
            continue;
        if (len == 2 && path[start] == '.' && path[start + 1] == '.') {
            bool top_up = nseg && seg[nseg - 1][1] == 2 && strncmp(path + seg[nseg - 1][0], "..", 2) == 0;
            if (nseg && !top_up) {
                nseg--;
                continue;
            }
            if (abs)
                continue;   /* "/.." is "/" */
        }
        seg[nseg][0] = start;
        seg[nseg][1] = len;
        nseg++;
    }
    jy_buf b = { 0 };
    if (abs)
        jy_buf_addc(&b, '/');
    for (size_t i = 0; i < nseg; i++) {
        if (i)
            jy_buf_addc(&b, '/');
        jy_buf_add(&b, path + seg[i][0], seg[i][1]);
    }
    if (!b.len)
        jy_buf_addc(&b, '.');
    free(seg);
    jy_buf_cstr(&b);
    return b.p;
}

/* ---- positions --------------------------------------------------------------- */

uint32_t *lsp_line_starts(const char *text, size_t len, uint32_t *nlines)
{
    size_t n = 1, cap = 64;
    uint32_t *l = jy_xmalloc(cap * sizeof *l);
    l[0] = 0;
    for (const char *p = text, *e = text + len; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) {
        if (n == cap)
            l = jy_xrealloc(l, (cap *= 2) * sizeof *l);
        l[n++] = (uint32_t)(p - text + 1);
    }
    *nlines = (uint32_t)n;
    return l;
}

/* UTF-16 units of the character at p (bytes left: n), and its bytes. */
static unsigned units_at(const char *p, size_t n, size_t *bytes)
{
    size_t k = jy_utf8_seq_len((const unsigned char *)p, n);
    if (k == 0) {
        *bytes = 1;
        return 1;
    }
    *bytes = k;
    return k == 4 ? 2 : 1;
}

void lsp_offset_to_pos(const char *text, size_t len, const uint32_t *lines, uint32_t nlines, size_t off,
                       uint32_t *line, uint32_t *character)
{
    if (off > len)
        off = len;
    uint32_t lo = 0, hi = nlines - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo + 1) / 2;
        if (lines[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    uint32_t c = 0;
    for (size_t p = lines[lo]; p < off;) {
        size_t b;
        c += units_at(text + p, len - p, &b);
        p += b;
    }
    *line = lo;
    *character = c;
}

size_t lsp_pos_to_offset(const char *text, size_t len, const uint32_t *lines, uint32_t nlines, int64_t line,
                         int64_t character)
{
    if (line < 0)
        return 0;
    if (line >= nlines)
        return len;
    size_t p = lines[line];
    size_t end = (uint32_t)line + 1 < nlines ? lines[line + 1] - 1 : len;   /* before the '\n' */
    if (end > p && text[end - 1] == '\r')
        end--;   /* and before a "\r\n"'s '\r': both end the line */
    int64_t c = 0;
    while (p < end && c < character) {
        size_t b;
        unsigned u = units_at(text + p, end - p, &b);
        if (c + u > character)
            break;   /* inside a surrogate pair: the character's start */
        c += u;
        p += b;
    }
    return p;
}

json_t *lsp_doc_position(const lsp_doc *d, size_t off)
{
    uint32_t line, ch;
    lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, off, &line, &ch);
    if (line == 0 && d->bom)
        ch++;
    return json_pack("{s:i,s:i}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

json_t *lsp_doc_range(const lsp_doc *d, size_t off, size_t end)
{
    return json_pack("{s:o,s:o}", "start", lsp_doc_position(d, off), "end", lsp_doc_position(d, end));
}

bool lsp_doc_offset(const lsp_doc *d, const json_t *pos, size_t *off)
{
    json_t *l = json_object_get(pos, "line"), *c = json_object_get(pos, "character");
    if (!json_is_integer(l) || !json_is_integer(c))
        return false;
    json_int_t line = json_integer_value(l), ch = json_integer_value(c);
    if (line == 0 && d->bom && ch > 0)
        ch--;
    *off = lsp_pos_to_offset(d->text, d->len, d->lines, d->nlines, line, ch);
    return true;
}

bool lsp_doc_apply_change(lsp_doc *d, const json_t *change)
{
    json_t *text = json_object_get(change, "text");
    if (!json_is_string(text))
        return false;
    const char *t = json_string_value(text);
    size_t tn = json_string_length(text);
    json_t *range = json_object_get(change, "range");
    if (!range) {
        /* The whole text (a BOM the client keeps is kept apart again). */
        lsp_doc_set_text(d, t, tn);
        return true;
    }
    size_t a, b;
    if (!lsp_doc_offset(d, json_object_get(range, "start"), &a) || !lsp_doc_offset(d, json_object_get(range, "end"), &b))
        return false;
    if (b < a) {
        size_t x = a;
        a = b;
        b = x;
    }
    size_t n = d->len - (b - a) + tn;
    char *nt = jy_xmalloc(n + 1);
    memcpy(nt, d->text, a);
    memcpy(nt + a, t, tn);
    memcpy(nt + a + tn, d->text + b, d->len - b);
    nt[n] = '\0';
    free(d->text);
    d->text = nt;
    d->len = n;
    free(d->lines);
    d->lines = lsp_line_starts(d->text, d->len, &d->nlines);
    return true;
}
