/* emit.c - output encodings (journey/emit.h).
 *
 * Design notes
 * - Each encoder copies runs of bytes that need nothing at once and stops
 *   only at a byte that does: ASCII punctuation of the format, a control
 *   character, or the first byte of a multi-byte sequence (which is then
 *   checked whole).  Valid UTF-8 passes unchanged; what a format cannot
 *   hold becomes an escape of that format or U+FFFD, never a raw byte.
 * - C1 controls (U+0080..U+009F) count as control characters everywhere:
 *   a terminal may act on them.
 * - The sink writes with fwrite in pieces of at least 64 KiB: an export is
 *   several times the size of its map, and stdio a few bytes at a time
 *   costs more than building the model did.
 */
#include "journey/emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */
#define SINK_CHUNK ((size_t)1 << 16)

/* ---- UTF-8 ---------------------------------------------------------------- */

uint32_t jy_utf8_next(const char *s, size_t n, size_t *i, bool *valid)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        if (valid)
            *valid = true;
        return c;
    }
    size_t len = jy_utf8_seq_len((const unsigned char *)s + *i, n - *i);
    if (valid)
        *valid = len != 0;
    if (!len) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t cp = jy_utf8_decode(s + *i, len);
    *i += len;
    return cp;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* ASCII characters an encoder must look at, besides controls: a set of
 * 128 bits. */
typedef struct {
    uint64_t lo, hi;
} ascii_set;

static bool plain(const ascii_set *special, unsigned char c)
{
    if (c < 0x20 || c >= 0x7F)
        return false;
    return !((c < 64 ? special->lo >> c : special->hi >> (c - 64)) & 1);
}

/* What an encoder appends for one character that is not plain: cp (U+FFFD
 * with valid false for a stray byte) taken from s[at] up to *i, which it
 * may move further (past the LF of a CR LF). */
typedef void char_fn(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i);

/* The loop every encoder shares: plain runs copied at once, every other
 * character handed to one(). */
static void encode(jy_buf *b, const char *s, size_t n, const ascii_set *special, char_fn *one)
{
    size_t run = 0, i = 0;
    while (i < n) {
        if (plain(special, (unsigned char)s[i])) {
            i++;
            continue;
        }
        jy_buf_add(b, s + run, i - run);
        size_t at = i;
        bool valid;
        uint32_t cp = jy_utf8_next(s, n, &i, &valid);
        one(b, cp, valid, s, n, at, &i);
        run = i;
    }
    jy_buf_add(b, s + run, n - run);
}

/* A line break (LF, CR LF or CR) as one: true when cp starts one. */
static bool line_break(uint32_t cp, const char *s, size_t n, size_t *i)
{
    if (cp != '\r' && cp != '\n')
        return false;
    if (cp == '\r' && *i < n && s[*i] == '\n')
        (*i)++;
    return true;
}

/* ---- sink ----------------------------------------------------------------- */

void jy_sink_init(jy_sink *k, FILE *out)
{
    memset(k, 0, sizeof *k);
    k->out = out;
}

static void sink_write(jy_sink *k)
{
    if (k->b.len && !k->failed && fwrite(k->b.p, 1, k->b.len, k->out) != k->b.len) {
        k->failed = true;
        k->err = errno;
    }
    k->b.len = 0;
}

void jy_sink_maybe_flush(jy_sink *k)
{
    if (k->b.len >= SINK_CHUNK)
        sink_write(k);
}

int jy_sink_close(jy_sink *k)
{
    sink_write(k);
    jy_buf_free(&k->b);
    if (!k->failed && (fflush(k->out) != 0 || ferror(k->out))) {
        k->failed = true;
        k->err = errno;
    }
    return k->failed ? -1 : 0;
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    (void)n;
    switch (cp) {
    case '"': jy_buf_adds(b, "\\\""); break;
    case '\\': jy_buf_adds(b, "\\\\"); break;
    case '\n': jy_buf_adds(b, "\\n"); break;
    case '\r': jy_buf_adds(b, "\\r"); break;
    case '\t': jy_buf_adds(b, "\\t"); break;
    default:
        if (!valid)
            jy_buf_adds(b, "\\ufffd");
        else if (is_control(cp) || cp == 0x2028 || cp == 0x2029)
            jy_buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            jy_buf_add(b, s + at, *i - at);
    }
}

void jy_json_string(jy_buf *b, const char *s, size_t n)
{
    static const ascii_set special = { (1ull << '"'), (1ull << ('\\' - 64)) };
    jy_buf_addc(b, '"');
    encode(b, s, n, &special, json_char);
    jy_buf_addc(b, '"');
}

/* In a script element, '<' would let "</script>" or "<!--" end or bend the
 * element, and '>' and '&' are kept out too so that the text means the
 * same in any HTML context: all three as \u escapes. */
static void json_script_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    if (cp == '<' || cp == '>' || cp == '&')
        jy_buf_printf(b, "\\u%04x", (unsigned)cp);
    else
        json_char(b, cp, valid, s, n, at, i);
}

void jy_json_script_string(jy_buf *b, const char *s, size_t n)
{
    static const ascii_set special = { (1ull << '"') | (1ull << '<') | (1ull << '>') | (1ull << '&'),
                                       (1ull << ('\\' - 64)) };
    jy_buf_addc(b, '"');
    encode(b, s, n, &special, json_script_char);
    jy_buf_addc(b, '"');
}

void jy_json_int(jy_buf *b, long long v)
{
    char d[24];
    int k = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        d[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        d[k++] = '-';
    jy_buf_reserve(b, (size_t)k);
    while (k)
        b->p[b->len++] = d[--k];
}

/* ---- base64 ----------------------------------------------------------------- */

void jy_base64(jy_buf *b, const void *p, size_t n)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *s = p;
    jy_buf_reserve(b, (n + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        char q[4] = { digits[v >> 18], digits[(v >> 12) & 63], digits[(v >> 6) & 63], digits[v & 63] };
        jy_buf_add(b, q, 4);
    }
    if (i < n) {
        uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
        char q[4] = { digits[v >> 18], digits[(v >> 12) & 63], i + 1 < n ? digits[(v >> 6) & 63] : '=', '=' };
        jy_buf_add(b, q, 4);
    }
}

/* ---- Markdown ------------------------------------------------------------- */

static void markdown_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    if (line_break(cp, s, n, i))
        jy_buf_adds(b, "<br>");
    else if (cp == '\t')
        jy_buf_addc(b, ' ');
    else if (cp == '@')
        jy_buf_adds(b, "@&#8203;");   /* no @mention */
    else if (cp >= 0x20 && cp < 0x7F) {
        jy_buf_addc(b, '\\');
        jy_buf_addc(b, (char)cp);
    } else if (!valid || is_control(cp))
        jy_buf_adds(b, REPLACEMENT);
    else
        jy_buf_add(b, s + at, *i - at);
}

void jy_markdown_text(jy_buf *b, const char *s, size_t n)
{
    /* \ ` * _ [ ] < > | ~ & $ # ! @ */
    static const ascii_set special = {
        (1ull << '*') | (1ull << '<') | (1ull << '>') | (1ull << '&') | (1ull << '$') | (1ull << '#') |
            (1ull << '!'),
        (1ull << ('\\' - 64)) | (1ull << ('`' - 64)) | (1ull << ('_' - 64)) | (1ull << ('[' - 64)) |
            (1ull << (']' - 64)) | (1ull << ('|' - 64)) | (1ull << ('~' - 64)) | (1ull << ('@' - 64)),
    };
    encode(b, s, n, &special, markdown_char);
}

/* ---- CSV and TSV ---------------------------------------------------------- */

/* A field's character that is not plain: line breaks made LF and tabs
 * kept (CSV), or line breaks, tabs and backslashes as \\n, \\t and \\\\
 * (TSV); other control characters and stray bytes U+FFFD. */
static void field_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i, bool tsv)
{
    if (line_break(cp, s, n, i))
        jy_buf_adds(b, tsv ? "\\n" : "\n");
    else if (cp == '\t')
        jy_buf_adds(b, tsv ? "\\t" : "\t");
    else if (cp == '\\')
        jy_buf_adds(b, "\\\\");
    else if (!valid || is_control(cp))
        jy_buf_adds(b, REPLACEMENT);
    else
        jy_buf_add(b, s + at, *i - at);
}

static void csv_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    field_char(b, cp, valid, s, n, at, i, false);
}

static void tsv_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    field_char(b, cp, valid, s, n, at, i, true);
}

void jy_csv_field(jy_buf *b, const char *s, size_t n)
{
    static const ascii_set special = { 0, 0 };
    size_t start = b->len;
    encode(b, s, n, &special, csv_char);
    bool quote = false;
    for (size_t i = start; i < b->len && !quote; i++)
        quote = b->p[i] == ',' || b->p[i] == '"' || b->p[i] == '\n';
    if (!quote)
        return;
    size_t extra = 2;
    for (size_t i = start; i < b->len; i++)
        extra += b->p[i] == '"';
    size_t len = b->len - start;
    jy_buf_reserve(b, extra);
    /* From the end: each '"' doubled, the whole between quotes. */
    char *p = b->p + start;
    size_t w = len + extra;
    p[--w] = '"';
    for (size_t r = len; r-- > 0;) {
        p[--w] = p[r];
        if (p[r] == '"')
            p[--w] = '"';
    }
    p[0] = '"';
    b->len = start + len + extra;
}

void jy_tsv_field(jy_buf *b, const char *s, size_t n)
{
    static const ascii_set special = { 0, 1ull << ('\\' - 64) };
    encode(b, s, n, &special, tsv_char);
}

/* ---- XML ------------------------------------------------------------------ */

static void xml_char(jy_buf *b, uint32_t cp, bool valid, const char *s, size_t n, size_t at, size_t *i)
{
    (void)n;
    switch (cp) {
    case '&': jy_buf_adds(b, "&amp;"); break;
    case '<': jy_buf_adds(b, "&lt;"); break;
    case '>': jy_buf_adds(b, "&gt;"); break;
    case '"': jy_buf_adds(b, "&quot;"); break;
    case '\'': jy_buf_adds(b, "&#39;"); break;
    case '\t': case '\n': case '\r': jy_buf_addc(b, (char)cp); break;
    default:
        /* XML 1.0 Char: no C0 but tab, LF and CR, no U+FFFE or U+FFFF
         * (surrogates never decode: jy_utf8_seq_len rejects them). */
        if (!valid || cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
            jy_buf_adds(b, REPLACEMENT);
        else
            jy_buf_add(b, s + at, *i - at);
    }
}

void jy_xml_text(jy_buf *b, const char *s, size_t n)
{
    static const ascii_set special = { (1ull << '&') | (1ull << '<') | (1ull << '>') | (1ull << '"') | (1ull << '\''),
                                       0 };
    encode(b, s, n, &special, xml_char);
}
