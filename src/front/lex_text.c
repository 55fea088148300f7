/* lex_text.c - what the scanner makes of a token's text.
 *
 * Design notes
 * - The scanner (grammar/journey.l) finds tokens; this file reads them:
 *   strings are checked and decoded, triple-quoted text dedented, numbers
 *   and ranges given their values, comments and runs of bad characters
 *   checked.  It is ordinary project code, compiled with the project's
 *   warnings and tested on its own (tests/unit/test_lex_text.c), where the
 *   generated scanner is not.
 * - Nothing here knows the parser: a function reads bytes, returns values,
 *   and describes each problem as a lex_problem (code, offset and length
 *   from the start of its text, message).  The scanner adds the token's
 *   place and reports it; that thin layer is all that stays in journey.l.
 * - Decoding works in place on the source: a string without escapes is
 *   the source itself (jy_lex_decode says whether the text changed, and the
 *   scanner copies only then).  Most strings are printable ASCII without
 *   a backslash: lex_plain_prefix, inline in lex_text.h, lets the scanner
 *   see so without a call; jy_lex_decode copies such runs whole.
 * - Text holds no character that could break an output or a terminal:
 *   control characters but tab, line feed and carriage return (C0, DEL,
 *   C1), noncharacters and surrogates (jy_utf8_forbidden) are errors whether
 *   written raw or as \u{...}, and stay out of the decoded text.  Invalid
 *   UTF-8 becomes U+FFFD, so that outputs stay valid.
 * - Triple-quoted text is checked as written (so that problems are shown
 *   where they are), then dedented, then decoded.  fmt.c writes triple-
 *   quoted text so that it comes back through jy_lex_dedent unchanged.
 */
#include "lex_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void problem(lex_problem *pb, unsigned code, size_t off, size_t len, const char *fmt, ...) JY_PRINTF(5, 6);

static void problem(lex_problem *pb, unsigned code, size_t off, size_t len, const char *fmt, ...)
{
    pb->code = code;
    pb->off = (uint32_t)off;
    pb->len = (uint32_t)len;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pb->msg, sizeof pb->msg, fmt, ap);
    va_end(ap);
}

/* Index of the first byte of s[0..n) that starts no valid UTF-8 sequence,
 * or n. */
static size_t first_invalid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = jy_utf8_seq_len((const unsigned char *)s + i, n - i);
        if (!len)
            return i;
        i += len;
    }
    return n;
}

/* ---- strings ------------------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A \u{...} escape at s[i] (s[i + 1] is 'u'): decoded into out; returns
 * the index after it. */
static size_t unicode_escape(const char *s, size_t n, size_t i, jy_buf *out, lex_report_fn *report, void *ctx)
{
    lex_problem pb;
    size_t j = i + 2;
    uint32_t cp = 0;
    int digits = 0;
    bool ok = j < n && s[j] == '{';
    if (ok) {
        for (j++; j < n && hexval((unsigned char)s[j]) >= 0 && digits < 7; j++, digits++)
            cp = cp * 16 + (uint32_t)hexval((unsigned char)s[j]);
        ok = j < n && s[j] == '}' && digits >= 1 && digits <= 6 && cp <= 0x10FFFF;
    }
    const char *kind = ok ? jy_utf8_forbidden(cp) : NULL;
    if (kind) {
        /* Well formed, but not a character text may hold: the escape
         * stays out of the text (and so out of every output, where it
         * would break an SVG or a terminal). */
        if (report) {
            problem(&pb, JY_C_BAD_STRING, i, j + 1 - i, "'%.*s' is %s, which a map's text cannot hold",
                    (int)(j + 1 - i), s + i, kind);
            report(ctx, &pb);
        }
        return j + 1;
    }
    if (ok) {
        char enc[4];
        int len = jy_utf8_encode(cp, enc);
        if (out)
            jy_buf_add(out, enc, (size_t)len);
        return j + 1;
    }
    size_t end = j < n && s[j] == '}' ? j + 1 : j;
    if (report) {
        problem(&pb, JY_C_BAD_STRING, i, end - i,
                "invalid Unicode escape; write \\u{...} with 1 to 6 hex digits of a character other than NUL or "
                "a surrogate");
        report(ctx, &pb);
    }
    return end > i + 2 ? end : i + 2;
}

/* A backslash at s[i] followed by no escape: returns the index after it.
 * A backslash that ends the text or its line is shown alone. */
static size_t unknown_escape(const char *s, size_t n, size_t i, lex_report_fn *report, void *ctx)
{
    char e = i + 1 < n ? s[i + 1] : '\0';
    bool alone = e == '\0' || e == '\n' || e == '\r';
    size_t len = 1;
    if (i + 1 < n && (unsigned char)e >= 0x80) {
        len = jy_utf8_seq_len((const unsigned char *)s + i + 1, n - i - 1);
        if (!len)
            len = 1;
    }
    if (report) {
        lex_problem pb;
        /* A backslash before a CR is shown alone but spans both. */
        problem(&pb, JY_C_BAD_STRING, i, e == '\0' || e == '\n' ? 1 : len + 1,
                "unknown escape sequence '\\%.*s'; the escapes are \\\" \\\\ \\n \\t and \\u{...}",
                alone ? 0 : (int)len, s + i + 1);
        report(ctx, &pb);
    }
    return alone ? i + 1 : i + len + 1;
}

bool jy_lex_decode(const char *s, size_t n, jy_buf *out, lex_report_fn *report, void *ctx)
{
    lex_problem pb;
    bool changed = false;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '\\' && c < 0x7F) {
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] >= 0x20 && s[j] != '\\' && (unsigned char)s[j] < 0x7F)
                j++;
            if (out)
                jy_buf_add(out, s + i, j - i);
            i = j;
            continue;
        }
        if (c >= 0x80) {
            size_t len = jy_utf8_seq_len((const unsigned char *)s + i, n - i);
            if (len == 0) {
                if (report) {
                    problem(&pb, JY_C_BAD_UTF8, i, 1, "invalid UTF-8 byte 0x%02X in string", c);
                    report(ctx, &pb);
                }
                if (out)
                    jy_buf_add(out, "\xEF\xBF\xBD", 3);   /* U+FFFD keeps outputs valid */
                i++;
                changed = true;
                continue;
            }
            uint32_t cp = jy_utf8_decode(s + i, len);
            const char *kind = jy_utf8_forbidden(cp);
            if (kind) {
                /* C1 controls and noncharacters, written raw ("a ..."
                 * without its article). */
                if (report) {
                    problem(&pb, JY_C_BAD_STRING, i, len, "%s (U+%04X) in string", kind + 2, (unsigned)cp);
                    report(ctx, &pb);
                }
                changed = true;
            } else if (out) {
                jy_buf_add(out, s + i, len);
            }
            i += len;
            continue;
        }
        if (c == '\n' || c == '\t') {
            if (out)
                jy_buf_addc(out, (char)c);
            i++;
            continue;
        }
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
            i++;   /* the LF follows */
            changed = true;
            continue;
        }
        if (c != '\\') {
            if (report) {
                if (c == 0)
                    problem(&pb, JY_C_BAD_STRING, i, 1, "control character (NUL byte) in string");
                else
                    problem(&pb, JY_C_BAD_STRING, i, 1, "control character (U+%04X) in string", c);
                report(ctx, &pb);
            }
            i++;
            changed = true;
            continue;
        }
        /* An escape. */
        changed = true;
        char e = i + 1 < n ? s[i + 1] : '\0';
        switch (e) {
        case '"': if (out) jy_buf_addc(out, '"'); i += 2; break;
        case '\\': if (out) jy_buf_addc(out, '\\'); i += 2; break;
        case 'n': if (out) jy_buf_addc(out, '\n'); i += 2; break;
        case 't': if (out) jy_buf_addc(out, '\t'); i += 2; break;
        case 'u': i = unicode_escape(s, n, i, out, report, ctx); break;
        default: i = unknown_escape(s, n, i, report, ctx); break;
        }
    }
    return changed;
}

/* ---- triple-quoted text -------------------------------------------------- */

static bool blank(const char *a, const char *b)
{
    for (; a < b; a++)
        if (*a != ' ' && *a != '\t' && *a != '\r')
            return false;
    return true;
}

/* The end of the line that starts at l, in text that ends at e: its '\n',
 * or e. */
static const char *line_end(const char *l, const char *e)
{
    const char *le = memchr(l, '\n', (size_t)(e - l));
    return le ? le : e;
}

/* A first line that is empty after the opening quotes and a last line that
 * is blank before the closing quotes are dropped; the indentation common to
 * the remaining non-blank lines (but for text on the line of the opening
 * quotes) is removed, tabs and spaces alike; blank lines become empty.  A
 * CR before a line's end stays (jy_lex_decode drops it). */
void jy_lex_dedent(const char *body, size_t n, jy_buf *out)
{
    /* Drop a blank first line and a blank last line. */
    const char *s = body, *e = body + n;
    const char *nl = n ? memchr(s, '\n', n) : NULL;
    if (nl && blank(s, nl))
        s = nl + 1;
    const char *last = e;
    while (last > s && last[-1] != '\n')
        last--;
    if (blank(last, e)) {
        if (last > s)
            e = last - 1;             /* the newline before it goes too */
        else if (s != body)
            e = s;                    /* only blank lines: empty text */
    }
    if (e > s && e[-1] == '\r')
        e--;
    /* Common indentation of non-blank lines.  Text on the line of the
     * opening quotes starts there, so its indentation says nothing: only
     * the lines after it count. */
    size_t indent = SIZE_MAX;
    const char *from = s;
    if (s == body) {
        const char *first_end = memchr(s, '\n', (size_t)(e - s));
        from = first_end ? first_end + 1 : NULL;
    }
    for (const char *l = from; l;) {
        const char *le = line_end(l, e);
        const char *q = l;
        while (q < le && (*q == ' ' || *q == '\t'))
            q++;
        if (q < le && !(q + 1 == le && *q == '\r') && (size_t)(q - l) < indent)
            indent = (size_t)(q - l);
        l = le < e ? le + 1 : NULL;
    }
    if (indent == SIZE_MAX)
        indent = 0;
    for (const char *l = s; l;) {
        const char *le = line_end(l, e);
        size_t skip = 0;
        while (skip < indent && l + skip < le && (l[skip] == ' ' || l[skip] == '\t'))
            skip++;
        jy_buf_add(out, l + skip, (size_t)(le - l - skip));
        if (le < e)
            jy_buf_addc(out, '\n');
        l = le < e ? le + 1 : NULL;
    }
}

void jy_lex_triple_text(const char *s, size_t n, jy_buf *out, lex_report_fn *report, void *ctx)
{
    jy_lex_decode(s, n, NULL, report, ctx);
    jy_buf raw = { 0 };
    jy_lex_dedent(s, n, &raw);
    jy_lex_decode(raw.p ? raw.p : "", raw.len, out, NULL, NULL);
    jy_buf_free(&raw);
}

/* ---- numbers ------------------------------------------------------------- */

/* Digits at s[*i...]; false beyond 15 significant digits (leading zeros
 * do not count), the limit the error messages give. */
static bool parse_int(const char *s, size_t n, size_t *i, double *out)
{
    double v = 0;
    unsigned digits = 0;
    for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        v = v * 10 + (s[*i] - '0');
        digits += digits > 0 || s[*i] != '0';
    }
    *out = v;
    return digits <= 15;
}

bool jy_lex_parse_number(const char *s, size_t n, lex_num *out)
{
    size_t i = 0;
    bool neg = false;
    if (n && (s[0] == '+' || s[0] == '-'))
        neg = s[i++] == '-';
    double v;
    bool ok = parse_int(s, n, &i, &v);
    out->is_int = true;
    out->pct = false;
    if (i < n && s[i] == '.') {
        i++;
        double scale = 0.1;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (scale > 1e-12)
                v += (s[i] - '0') * scale;
            scale /= 10;
        }
        out->is_int = false;
    }
    if (i < n && s[i] == '%')
        out->pct = true;
    if (!ok)
        v = 0;
    out->value = neg ? -v : v;
    return ok;
}

void jy_lex_parse_range(const char *s, size_t n, lex_bounds *out)
{
    size_t i = 0;
    for (int k = 0; k < 2; k++) {
        bool neg = false;
        size_t start = i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            neg = s[i++] == '-';
        double v;
        bool ok = parse_int(s, n, &i, &v);
        out->bad[k] = !ok || v > 1000000;
        if (out->bad[k])
            v = 0;
        out->off[k] = (uint32_t)start;
        out->len[k] = (uint32_t)(i - start);
        out->end[k] = (int32_t)(neg ? -v : v);
        i += 2;   /* ".." */
    }
}

/* ---- dates --------------------------------------------------------------- */

static bool leap_year(int32_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int32_t y, int32_t m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

int32_t jy_lex_days_from_civil(int32_t y, int32_t m, int32_t d)
{
    /* Howard Hinnant's days_from_civil, for the proleptic Gregorian
     * calendar: March-based years, 400-year eras. */
    y -= m <= 2;
    int32_t era = (y >= 0 ? y : y - 399) / 400;
    int32_t yoe = y - era * 400;
    int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void jy_lex_civil_from_days(int32_t z, int32_t *y, int32_t *m, int32_t *d)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

bool jy_lex_parse_date(const char *s, size_t n, int32_t *days, lex_problem *pb)
{
    static const char *const months[12] = { "January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December" };
    *days = 0;
    bool shape = n == 10 && s[4] == '-' && s[7] == '-';
    for (size_t i = 0; shape && i < n; i++)
        shape = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
    if (!shape) {
        int len = n > 40 ? 40 : (int)n;
        if (pb)
            problem(pb, JY_C_BAD_DATE, 0, n, "'%.*s%s' is not a date; write it YYYY-MM-DD, as in 2026-01-31", len, s,
                    n > 40 ? "..." : "");
        return false;
    }
    int32_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int32_t m = (s[5] - '0') * 10 + (s[6] - '0');
    int32_t d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y == 0) {
        if (pb)
            problem(pb, JY_C_BAD_DATE, 0, 4, "there is no year 0000; years run from 0001 to 9999");
        return false;
    }
    if (m < 1 || m > 12) {
        if (pb)
            problem(pb, JY_C_BAD_DATE, 5, 2, "there is no month %.2s; months run from 01 to 12", s + 5);
        return false;
    }
    if (d < 1 || d > month_days(y, m)) {
        if (pb)
            problem(pb, JY_C_BAD_DATE, 8, 2, "there is no day %.2s in %s %.4s, which has %d days", s + 8,
                    months[m - 1], s, month_days(y, m));
        return false;
    }
    *days = jy_lex_days_from_civil(y, m, d);
    return true;
}

/* ---- comments and bad characters ----------------------------------------- */

bool jy_lex_check_comment(const char *s, size_t n, lex_problem *pb)
{
    size_t i = first_invalid_utf8(s, n);
    if (i == n)
        return true;
    problem(pb, JY_C_BAD_UTF8, i, 1, "invalid UTF-8 byte 0x%02X in comment", (unsigned char)s[i]);
    return false;
}

void jy_lex_check_bad(const char *s, size_t n, lex_problem *pb)
{
    size_t i = first_invalid_utf8(s, n);
    if (i < n) {
        problem(pb, JY_C_BAD_UTF8, i, 1, "invalid UTF-8 byte 0x%02X", (unsigned char)s[i]);
        return;
    }
    unsigned char c = (unsigned char)s[0];
    size_t len = jy_utf8_seq_len((const unsigned char *)s, n);
    if (c == '\r')
        problem(pb, JY_C_BAD_CHAR, 0, len, "unexpected carriage return not followed by a line feed");
    else if (c < 0x20 || c == 0x7F)
        problem(pb, JY_C_BAD_CHAR, 0, len, "unexpected control character U+%04X", c);
    else if (c < 0x80)
        problem(pb, JY_C_BAD_CHAR, 0, len, "unexpected character '%.*s'", (int)len, s);
    else
        problem(pb, JY_C_BAD_CHAR, 0, len,
                "unexpected character '%.*s'; names may use only A-Z, a-z, 0-9, '_' and '-' (put other text in "
                "quotes)",
                (int)len, s);
}
