/* diag.c - the one diagnostics engine.
 *
 * Diagnostics are recorded (not printed) as they are found, each with a
 * code from the catalog the engine was created with.  The code decides
 * whether it is an error or a warning; warnings can be switched on and off
 * by name and promoted to errors (-W error).  After max_errors errors the
 * engine drops further diagnostics and tells producers to stop.
 *
 * Printing is separate, in four formats:
 *   text    file:line:col: error: message, the quoted line, ^~~~ carets
 *   json    one JSON object per line
 *   sarif   one SARIF 2.1.0 log for the whole run (jy_diags_write_sarif)
 *   github  ::error file=...,line=...,col=...::message workflow commands
 *
 * Nothing a user supplied reaches a terminal or a log raw: file names,
 * messages (which quote names, paths and text) and notes are printed
 * through jy_diags_escape in the text and GitHub formats, so that control
 * characters show as \x1b, \n and so on (a file named with a line feed
 * cannot fake a second diagnostic or a GitHub command, an ESC cannot
 * reach the terminal); JSON and SARIF escape them by their own rules.
 * The quoted source line is escaped the same way, and the carets follow
 * the width of what is shown.
 */
#include "journey/diag.h"
#include "journey/emit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct jy_diags {
    const jy_diag_code *catalog;
    size_t ncodes;
    bool *enabled;
    bool werror;
    unsigned max_errors;
    bool stopped;
    unsigned nerrors, nwarnings;
    jy_diag *list;
    size_t n, cap;
    size_t printed;
    jy_diag_id last_id;
    jy_sources *src;           /* owned */
};

jy_diags *jy_diags_create(const jy_diag_code *catalog, size_t ncodes)
{
    jy_diags *d = jy_xcalloc(1, sizeof *d);
    d->catalog = catalog;
    d->ncodes = ncodes;
    d->enabled = jy_xcalloc(ncodes, sizeof *d->enabled);
    for (size_t i = 0; i < ncodes; i++)
        d->enabled[i] = !catalog[i].is_warning || catalog[i].default_on;
    d->max_errors = 20;
    d->src = jy_sources_new();
    return d;
}

void jy_diags_free(jy_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->list[i].msg);
        for (size_t j = 0; j < d->list[i].nnotes; j++)
            free(d->list[i].notes[j].msg);
        free(d->list[i].notes);
    }
    free(d->list);
    jy_sources_free(d->src);
    free(d->enabled);
    free(d);
}

jy_sources *jy_diags_sources(const jy_diags *d)
{
    return d->src;
}

int jy_diags_code_index(const jy_diags *d, const char *name)
{
    for (size_t i = 0; i < d->ncodes; i++)
        if (strcmp(d->catalog[i].name, name) == 0)
            return (int)i;
    return -1;
}

bool jy_diags_set_warning(jy_diags *d, const char *name, bool on)
{
    int i = jy_diags_code_index(d, name);
    if (i < 0 || !d->catalog[i].is_warning)
        return false;
    d->enabled[i] = on;
    return true;
}

void jy_diags_set_all_warnings(jy_diags *d, bool on)
{
    for (size_t i = 0; i < d->ncodes; i++)
        if (d->catalog[i].is_warning)
            d->enabled[i] = on;
}

void jy_diags_set_werror(jy_diags *d, bool on)
{
    d->werror = on;
}

bool jy_diags_warning_enabled(const jy_diags *d, unsigned code)
{
    return code < d->ncodes && d->enabled[code];
}

void jy_diags_set_max_errors(jy_diags *d, unsigned max)
{
    d->max_errors = max;
}

static char *vformat(const char *fmt, va_list ap)
{
    jy_buf b = { 0 };
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    jy_buf_reserve(&b, (size_t)n + 1);
    vsnprintf(b.p, (size_t)n + 1, fmt, ap);
    return b.p;
}

jy_diag_id jy_diag_report(jy_diags *d, unsigned code, const jy_loc *loc, const char *fmt, ...)
{
    if (code >= d->ncodes || !d->enabled[code] || d->stopped)
        return 0;
    jy_diag g = { 0 };
    g.id = ++d->last_id;
    g.code = code;
    g.sev = d->catalog[code].is_warning ? JY_SEV_WARNING : JY_SEV_ERROR;
    if (g.sev == JY_SEV_WARNING && d->werror) {
        g.sev = JY_SEV_ERROR;
        g.promoted = true;
    }
    if (loc) {
        g.loc = *loc;
        g.has_loc = true;
    }
    va_list ap;
    va_start(ap, fmt);
    g.msg = vformat(fmt, ap);
    va_end(ap);
    if (g.sev == JY_SEV_ERROR)
        d->nerrors++;
    else
        d->nwarnings++;
    VEC_PUSH(d->list, d->n, d->cap, g);
    if (d->max_errors && d->nerrors >= d->max_errors)
        d->stopped = true;
    return g.id;
}

/* The diagnostic with this id, or NULL (never reported, or truncated).
 * Notes follow their diagnostic at once, so the search from the end
 * usually stops at the first step. */
static jy_diag *find(jy_diags *d, jy_diag_id id)
{
    for (size_t i = d->n; id && i-- > 0;)
        if (d->list[i].id == id)
            return &d->list[i];
    return NULL;
}

void jy_diag_note(jy_diags *d, jy_diag_id id, const jy_loc *loc, const char *fmt, ...)
{
    jy_diag *to = find(d, id);
    if (!to)
        return;
    jy_note nt = { 0 };
    if (loc) {
        nt.loc = *loc;
        nt.has_loc = true;
    }
    va_list ap;
    va_start(ap, fmt);
    nt.msg = vformat(fmt, ap);
    va_end(ap);
    to->notes = jy_xrealloc(to->notes, (to->nnotes + 1) * sizeof *to->notes);
    to->notes[to->nnotes++] = nt;
}

static int diag_cmp(const void *a, const void *b)
{
    const jy_diag *x = a, *y = b;
    if (x->has_loc != y->has_loc)
        return x->has_loc ? -1 : 1;
    if (x->loc.file != y->loc.file)
        return x->loc.file < y->loc.file ? -1 : 1;
    if (x->loc.off != y->loc.off)
        return x->loc.off < y->loc.off ? -1 : 1;
    return 0;
}

/* Sorts a[0..n) by position, stably, with tmp[0..n) as scratch: a merge
 * sort, since a checker's diagnostics come in runs (errors in source
 * order, then warnings about declarations near the top) that an insertion
 * sort would shift one by one. */
static void diag_merge_sort(jy_diag *a, jy_diag *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    diag_merge_sort(a, tmp, h);
    diag_merge_sort(a + h, tmp, n - h);
    if (diag_cmp(&a[h - 1], &a[h]) <= 0)
        return;   /* already in order: the usual case */
    memcpy(tmp, a, h * sizeof *a);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = diag_cmp(&a[j], &tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

void jy_diags_sort(jy_diags *d)
{
    /* Stable: keyed by position, falling back on the order of discovery
     * (diagnostics at one place keep theirs).  Those already printed stay. */
    size_t n = d->n - d->printed;
    if (n < 2)
        return;
    jy_diag *tmp = jy_xmalloc((n / 2 + 1) * sizeof *tmp);
    diag_merge_sort(d->list + d->printed, tmp, n);
    free(tmp);
}

void jy_diags_truncate(jy_diags *d, size_t n)
{
    if (n < d->printed)
        n = d->printed;
    for (size_t i = n; i < d->n; i++) {
        jy_diag *g = &d->list[i];
        if (g->sev == JY_SEV_ERROR)
            d->nerrors--;
        else
            d->nwarnings--;
        free(g->msg);
        for (size_t j = 0; j < g->nnotes; j++)
            free(g->notes[j].msg);
        free(g->notes);
    }
    if (n < d->n)
        d->n = n;
    d->stopped = d->max_errors && d->nerrors >= d->max_errors;
}

unsigned jy_diags_error_count(const jy_diags *d) { return d->nerrors; }
unsigned jy_diags_warning_count(const jy_diags *d) { return d->nwarnings; }
bool jy_diags_should_stop(const jy_diags *d) { return d->stopped; }
size_t jy_diags_count(const jy_diags *d) { return d->n; }
const jy_diag *jy_diags_get(const jy_diags *d, size_t i) { return i < d->n ? &d->list[i] : NULL; }

typedef struct {
    uint32_t line, col, end_line, end_col;
} span;

static span resolve(jy_diags *d, const jy_loc *loc)
{
    jy_pos a = jy_sources_position(d->src, loc->file, loc->off);
    jy_pos b = jy_sources_position(d->src, loc->file, loc->end > loc->off ? loc->end : loc->off);
    span r = { a.line, a.col, b.line, b.col };
    if (loc->end <= loc->off)
        r.end_col = r.col + 1;   /* an empty range still gets one caret */
    return r;
}

/* ---- escaping -------------------------------------------------------------- */

/* How the character at s (n bytes left) is shown in text: NULL when as it
 * is, else its escape in buf.  *len is its length in bytes.  Escaped are
 * C0 controls and DEL (\n, \r, \t or \x1b), C1 controls, the characters
 * that reorder text around them (bidirectional overrides and isolates,
 * Trojan Source), line and paragraph separators and noncharacters
 * (\u{202E}), and bytes that are not UTF-8 (\xff). */
static const char *escape_char(const char *s, size_t n, size_t *len, char buf[16])
{
    unsigned char c = (unsigned char)s[0];
    *len = 1;
    if (c < 0x20 || c == 0x7F) {
        if (c == '\n' || c == '\r' || c == '\t')
            snprintf(buf, 16, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else
            snprintf(buf, 16, "\\x%02x", c);
        return buf;
    }
    if (c < 0x80)
        return NULL;
    *len = jy_utf8_seq_len((const unsigned char *)s, n);
    if (*len == 0) {
        *len = 1;
        snprintf(buf, 16, "\\x%02x", c);
        return buf;
    }
    uint32_t cp = jy_utf8_decode(s, *len);
    if (jy_utf8_forbidden(cp) || (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069)) {
        snprintf(buf, 16, "\\u{%X}", (unsigned)cp);
        return buf;
    }
    return NULL;
}

void jy_diags_escape(jy_buf *b, const char *s, size_t n)
{
    char esc[16];
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
            j++;
        jy_buf_add(b, s + i, j - i);
        if (j == n)
            break;
        size_t len;
        const char *e = escape_char(s + j, n - j, &len, esc);
        if (e)
            jy_buf_adds(b, e);
        else
            jy_buf_add(b, s + j, len);
        i = j + len;
    }
}

/* fputs, escaped. */
static void put_escaped(FILE *out, const char *z)
{
    jy_buf b = { 0 };
    jy_diags_escape(&b, z, strlen(z));
    if (b.len)
        fwrite(b.p, 1, b.len, out);
    jy_buf_free(&b);
}

/* ---- text ---------------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

static const char *source_name(const jy_diags *d, uint32_t file)
{
    const jy_source *s = jy_sources_get(d->src, file);
    return s ? s->name : "<unknown>";
}

static void print_header(jy_diags *d, FILE *out, bool color, bool has_loc, const jy_loc *loc,
                         const char *sevname, const char *sevcolor)
{
    if (color)
        fputs(C_BOLD, out);
    if (has_loc) {
        span r = resolve(d, loc);
        put_escaped(out, source_name(d, loc->file));
        fprintf(out, ":%u:%u: ", r.line, r.col);
    } else {
        fputs("journey: ", out);
    }
    if (color)
        fprintf(out, C_RESET "%s%s:" C_RESET " ", sevcolor, sevname);
    else
        fprintf(out, "%s: ", sevname);
}

/* The quoted line and the carets under the range.  Tabs in the line are
 * repeated in the caret line so the caret stays under its character in
 * any terminal; a character shown escaped (escape_char) takes the width of
 * its escape, in the carets too; everything else counts one column per
 * character.  A line longer than EXCERPT_WIDTH characters is shown as a
 * window around the caret, marked with "...". */
#define EXCERPT_WIDTH 200
#define EXCERPT_LEAD 60

static void print_excerpt(jy_diags *d, FILE *out, bool color, const jy_loc *at)
{
    span r = resolve(d, at);
    jy_str line = jy_sources_line(d->src, at->file, r.line);
    uint32_t nchars = (uint32_t)jy_utf8_count(line.s, line.n);
    uint32_t first = 1, last = nchars;   /* window, in columns */
    if (nchars > EXCERPT_WIDTH) {
        first = r.col > EXCERPT_LEAD ? r.col - EXCERPT_LEAD : 1;
        last = first + EXCERPT_WIDTH - 1;
        if (last > nchars)
            last = nchars;
    }
    uint32_t end = r.end_line == r.line ? r.end_col : nchars + 1;
    if (end > last + 1)
        end = last + 1;
    jy_buf b = { 0 };
    char num[16];
    int w = snprintf(num, sizeof num, "%u", r.line);
    if (w < 4)
        w = 4;
    jy_buf_printf(&b, " %*u | %s", w, r.line, first > 1 ? "..." : "");
    /* Quote the window, escaping what would disturb a terminal, and build
     * the caret line alongside: padding before the range (tabs kept),
     * then the marks under it. */
    jy_buf marks = { 0 };
    uint32_t col = 1;
    char esc[16];
    for (size_t i = 0; i < line.n && col <= last; col++) {
        size_t len;
        const char *e = line.s[i] == '\t' ? NULL : escape_char(line.s + i, line.n - i, &len, esc);
        if (!e)
            len = jy_utf8_seq_len((const unsigned char *)line.s + i, line.n - i);
        else if ((unsigned char)line.s[i] >= 0x80 && e[1] == 'x')
            e = "?";   /* a byte that is not UTF-8 (reported as such) */
        if (col >= first) {
            size_t width = e ? strlen(e) : 1;
            if (e)
                jy_buf_adds(&b, e);
            else
                jy_buf_add(&b, line.s + i, len);
            if (col < r.col)
                for (size_t k = 0; k < width; k++)
                    jy_buf_addc(&marks, line.s[i] == '\t' ? '\t' : ' ');
            else if (col < end)
                for (size_t k = 0; k < width; k++)
                    jy_buf_addc(&marks, col == r.col && k == 0 ? '^' : '~');
        }
        i += len;
    }
    jy_buf_adds(&b, last < nchars ? "...\n" : "\n");
    jy_buf_printf(&b, " %*s | %s", w, "", first > 1 ? "   " : "");
    /* The range may start or end past the end of the line. */
    for (uint32_t c = col; c < r.col; c++)
        jy_buf_addc(&marks, ' ');
    size_t caret = 0;
    while (caret < marks.len && (marks.p[caret] == ' ' || marks.p[caret] == '\t'))
        caret++;
    if (caret == marks.len)
        jy_buf_addc(&marks, '^');
    for (uint32_t c = col > r.col + 1 ? col : r.col + 1; c < end; c++)
        jy_buf_addc(&marks, '~');
    jy_buf_add(&b, marks.p, caret);
    if (color)
        jy_buf_adds(&b, C_GREEN);
    jy_buf_add(&b, marks.p + caret, marks.len - caret);
    if (color)
        jy_buf_adds(&b, C_RESET);
    jy_buf_addc(&b, '\n');
    fwrite(b.p, 1, b.len, out);
    jy_buf_free(&b);
    jy_buf_free(&marks);
}

static void print_text(jy_diags *d, FILE *out, bool color, const jy_diag *g)
{
    const jy_diag_code *code = &d->catalog[g->code];
    if (g->sev == JY_SEV_ERROR)
        print_header(d, out, color, g->has_loc, &g->loc, "error", C_RED);
    else
        print_header(d, out, color, g->has_loc, &g->loc, "warning", C_MAGENTA);
    if (color)
        fputs(C_BOLD, out);
    put_escaped(out, g->msg);
    if (code->is_warning)
        fprintf(out, g->promoted ? " [-Werror,-W%s]" : " [-W%s]", code->name);
    if (color)
        fputs(C_RESET, out);
    fputc('\n', out);
    if (g->has_loc)
        print_excerpt(d, out, color, &g->loc);
    for (size_t i = 0; i < g->nnotes; i++) {
        const jy_note *nt = &g->notes[i];
        /* A note about no place in particular is shown at its diagnostic. */
        bool has_loc = nt->has_loc || g->has_loc;
        print_header(d, out, color, has_loc, nt->has_loc ? &nt->loc : &g->loc, "note", C_CYAN);
        put_escaped(out, nt->msg);
        fputc('\n', out);
    }
}

/* ---- JSON ---------------------------------------------------------------- */

/* A JSON string by the project's one encoder (journey/emit.h). */
static void json_put_string(FILE *out, const char *s, size_t n)
{
    jy_buf b = { 0 };
    jy_json_string(&b, s, n);
    fwrite(b.p, 1, b.len, out);
    jy_buf_free(&b);
}

static void json_z(FILE *out, const char *z)
{
    json_put_string(out, z, strlen(z));
}

static void json_loc_fields(jy_diags *d, FILE *out, const jy_loc *at)
{
    span r = resolve(d, at);
    fputs("\"file\":", out);
    json_z(out, source_name(d, at->file));
    fprintf(out, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u", r.line, r.col,
            r.end_line, r.end_col);
}

static const char *sev_name(const jy_diag *g)
{
    return g->sev == JY_SEV_ERROR ? "error" : g->sev == JY_SEV_WARNING ? "warning" : "note";
}

static void print_json(jy_diags *d, FILE *out, const jy_diag *g)
{
    fputc('{', out);
    if (g->has_loc) {
        json_loc_fields(d, out, &g->loc);
        fputc(',', out);
    }
    fprintf(out, "\"severity\":\"%s\",\"code\":", sev_name(g));
    json_z(out, d->catalog[g->code].name);
    fputs(",\"message\":", out);
    json_z(out, g->msg);
    fputs(",\"notes\":[", out);
    for (size_t i = 0; i < g->nnotes; i++) {
        if (i)
            fputc(',', out);
        fputc('{', out);
        if (g->notes[i].has_loc) {
            json_loc_fields(d, out, &g->notes[i].loc);
            fputc(',', out);
        }
        fputs("\"message\":", out);
        json_z(out, g->notes[i].msg);
        fputc('}', out);
    }
    fputs("]}\n", out);
}

/* ---- GitHub Actions ------------------------------------------------------ */

/* A string in a workflow command: controls shown as in the text format
 * (jy_diags_escape), then GitHub's own escapes of its data (the message) or
 * of a property's value (file=, title=). */
static void gh_escape(FILE *out, const char *z, bool property)
{
    jy_buf b = { 0 };
    jy_diags_escape(&b, z, strlen(z));
    const char *s = b.p ? jy_buf_cstr(&b) : "";
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': fputs(property ? "%3A" : ":", out); break;
        case ',': fputs(property ? "%2C" : ",", out); break;
        default: fputc(*s, out);
        }
    }
    jy_buf_free(&b);
}

static void print_github(jy_diags *d, FILE *out, const jy_diag *g)
{
    fprintf(out, "::%s ", g->sev == JY_SEV_ERROR ? "error" : "warning");
    if (g->has_loc) {
        fputs("file=", out);
        gh_escape(out, source_name(d, g->loc.file), true);
        span r = resolve(d, &g->loc);
        fprintf(out, ",line=%u,col=%u", r.line, r.col);
        if (r.end_line == r.line)
            fprintf(out, ",endColumn=%u", r.end_col);
        else
            fprintf(out, ",endLine=%u", r.end_line);
        fputc(',', out);
    }
    fputs("title=", out);
    gh_escape(out, d->catalog[g->code].name, true);
    fputs("::", out);
    gh_escape(out, g->msg, false);
    for (size_t i = 0; i < g->nnotes; i++) {
        const jy_note *nt = &g->notes[i];
        fputs("%0A", out);
        if (nt->has_loc) {
            char where[64];
            span r = resolve(d, &nt->loc);
            snprintf(where, sizeof where, ":%u:%u: ", r.line, r.col);
            gh_escape(out, source_name(d, nt->loc.file), false);
            gh_escape(out, where, false);
        }
        fputs("note: ", out);
        gh_escape(out, nt->msg, false);
    }
    fputc('\n', out);
}

void jy_diags_print(jy_diags *d, FILE *out, jy_diag_format fmt, bool color)
{
    for (; d->printed < d->n; d->printed++) {
        const jy_diag *g = &d->list[d->printed];
        switch (fmt) {
        case JY_DFMT_TEXT: print_text(d, out, color, g); break;
        case JY_DFMT_JSON: print_json(d, out, g); break;
        case JY_DFMT_GITHUB: print_github(d, out, g); break;
        case JY_DFMT_SARIF: return;   /* written whole by jy_diags_write_sarif */
        }
    }
}

/* ---- SARIF 2.1.0 --------------------------------------------------------- */

/* A file's name as a URI: an absolute path as a file: URI
 * (file:///home/...), anything else as a relative reference, which code
 * scanning resolves against the repository; both percent-encode every
 * byte but unreserved characters and '/'. */
static void sarif_uri(FILE *out, const char *path)
{
    jy_buf b = { 0 };
    if (path[0] == '/')
        jy_buf_adds(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            jy_buf_addc(&b, (char)*p);
        else
            jy_buf_printf(&b, "%%%02X", *p);
    }
    json_put_string(out, b.p ? b.p : "", b.len);
    jy_buf_free(&b);
}

static void sarif_location(jy_diags *d, FILE *out, const jy_loc *loc)
{
    span r = resolve(d, loc);
    fputs("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
    sarif_uri(out, source_name(d, loc->file));
    fprintf(out,
            "},\"region\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}}",
            r.line, r.col, r.end_line, r.end_col);
}

static uint64_t fnv1a64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

/* A result's fingerprint for tracking an alert from one run to the next
 * (partialFingerprints): its rule, file and message, and how many results
 * before it in the log say the same, but not its line, so that an alert
 * survives lines added above it.  FNV-1a, 64 bits. */
typedef struct {
    jy_map seen;            /* hash of rule, file and message -> count slot + 1 */
    uint64_t *keys;         /* the hashes the map's keys point into */
    uint32_t *counts;
    size_t n, cap;
} fingerprints;

static uint64_t fingerprint(fingerprints *f, const char *rule, const char *file, const char *msg)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a64(h, rule, strlen(rule) + 1);
    h = fnv1a64(h, file, strlen(file) + 1);
    h = fnv1a64(h, msg, strlen(msg) + 1);
    if (f->n == f->cap) {
        /* The map's keys point into keys[]: on growth the map is made
         * again over the new array. */
        size_t cap = f->cap ? f->cap * 2 : 64;
        uint64_t *keys = jy_xmalloc(cap * sizeof *keys);
        uint32_t *counts = jy_xmalloc(cap * sizeof *counts);
        if (f->n) {
            memcpy(keys, f->keys, f->n * sizeof *keys);
            memcpy(counts, f->counts, f->n * sizeof *counts);
        }
        jy_map_free(&f->seen);
        jy_map_init(&f->seen);
        for (size_t i = 0; i < f->n; i++)
            jy_map_put(&f->seen, jy_str_make((const char *)&keys[i], sizeof *keys), (void *)(uintptr_t)(i + 1));
        free(f->keys);
        free(f->counts);
        f->keys = keys;
        f->counts = counts;
        f->cap = cap;
    }
    f->keys[f->n] = h;
    uintptr_t slot = (uintptr_t)jy_map_put(&f->seen, jy_str_make((const char *)&f->keys[f->n], sizeof h),
                                           (void *)(uintptr_t)(f->n + 1));
    uint32_t occurrence = 0;
    if (slot) {
        occurrence = ++f->counts[slot - 1];
    } else {
        f->counts[f->n] = 0;
        f->n++;
    }
    char buf[16];
    int len = snprintf(buf, sizeof buf, "%u", occurrence);
    return fnv1a64(h, buf, (size_t)len);
}

void jy_diags_write_sarif(jy_diags *const *engines, size_t n, FILE *out, const char *tool_version)
{
    jy_sarif_run run = { tool_version, NULL, NULL, 0 };
    jy_diags_write_sarif_run(engines, n, out, &run);
}

void jy_diags_write_sarif_run(jy_diags *const *engines, size_t n, FILE *out, const jy_sarif_run *run)
{
    const jy_diags *first = n ? engines[0] : NULL;
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
          "      \"tool\": {\n        \"driver\": {\n          \"name\": \"journey\",\n"
          "          \"version\": ",
          out);
    json_z(out, run->tool_version);
    fputs(",\n          \"rules\": [", out);
    for (size_t i = 0; first && i < first->ncodes; i++) {
        const jy_diag_code *c = &first->catalog[i];
        fputs(i ? ",\n            {" : "\n            {", out);
        fputs("\"id\": ", out);
        json_z(out, c->name);
        fputs(", \"shortDescription\": {\"text\": ", out);
        json_z(out, c->summary);
        fputc('}', out);
        if (c->description) {
            fputs(", \"fullDescription\": {\"text\": ", out);
            json_z(out, c->description);
            fputs("}, \"help\": {\"text\": ", out);
            json_z(out, c->help_text ? c->help_text : c->description);
            fputs(", \"markdown\": ", out);
            json_z(out, c->help_markdown ? c->help_markdown : c->description);
            fputc('}', out);
        }
        if (c->help_uri) {
            fputs(", \"helpUri\": ", out);
            json_z(out, c->help_uri);
        }
        fprintf(out, ", \"defaultConfiguration\": {\"level\": \"%s\", \"enabled\": %s}}",
                c->is_warning ? "warning" : "error",
                !c->is_warning || c->default_on ? "true" : "false");
    }
    fputs("\n          ]\n        }\n      },\n"
          "      \"columnKind\": \"unicodeCodePoints\",\n", out);
    /* The invocation: successful unless a file could not be read, which a
     * notification names (there is no result for it). */
    fprintf(out, "      \"invocations\": [\n        {\"executionSuccessful\": %s",
            run->nfailures ? "false" : "true");
    if (run->nfailures) {
        fputs(", \"toolExecutionNotifications\": [", out);
        for (size_t i = 0; i < run->nfailures; i++) {
            fputs(i ? ",\n          " : "\n          ", out);
            fputs("{\"level\": \"error\", \"message\": {\"text\": ", out);
            json_z(out, run->failure_messages[i]);
            fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
            sarif_uri(out, run->failed_paths[i]);
            fputs("}}}]}", out);
        }
        fputs("\n        ]", out);
    }
    fputs("}\n      ],\n      \"results\": [", out);
    fingerprints fp;
    memset(&fp, 0, sizeof fp);
    jy_map_init(&fp.seen);
    bool any = false;
    for (size_t e = 0; e < n; e++) {
        jy_diags *d = engines[e];
        for (size_t i = 0; i < d->n; i++) {
            const jy_diag *g = &d->list[i];
            fputs(any ? ",\n        {" : "\n        {", out);
            any = true;
            fputs("\"ruleId\": ", out);
            json_z(out, d->catalog[g->code].name);
            fprintf(out, ", \"ruleIndex\": %u, \"level\": \"%s\", \"message\": {\"text\": ", g->code,
                    sev_name(g));
            json_z(out, g->msg);
            fputc('}', out);
            if (g->has_loc) {
                fputs(", \"locations\": [", out);
                sarif_location(d, out, &g->loc);
                fputs("}]", out);
            }
            size_t nrel = 0;
            for (size_t k = 0; k < g->nnotes; k++) {
                const jy_note *nt = &g->notes[k];
                if (!nt->has_loc)
                    continue;
                fputs(nrel ? ", " : ", \"relatedLocations\": [", out);
                sarif_location(d, out, &nt->loc);
                fprintf(out, ", \"id\": %zu, \"message\": {\"text\": ", nrel);
                json_z(out, nt->msg);
                fputs("}}", out);
                nrel++;
            }
            if (nrel)
                fputc(']', out);
            uint64_t h = fingerprint(&fp, d->catalog[g->code].name, g->has_loc ? source_name(d, g->loc.file) : "",
                                     g->msg);
            fprintf(out, ", \"partialFingerprints\": {\"journey/v1\": \"%016llx\"}", (unsigned long long)h);
            fputc('}', out);
        }
    }
    jy_map_free(&fp.seen);
    free(fp.keys);
    free(fp.counts);
    fputs(any ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n", out);
}
