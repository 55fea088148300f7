/* render_text.c - how wide text is, wrapping it into lines, and reading
 * back the ids Graphviz wrote.
 *
 * Design notes
 * - The renderer wraps every text itself, so that it knows each cell's
 *   height before Graphviz sees the graph.  Widths come from DejaVu Sans's
 *   own advance widths (render_font.c), the font "Helvetica" resolves to on
 *   Debian: wider than Helvetica, Arial or Liberation Sans, so text wrapped
 *   for it also fits where a viewer substitutes one of those.
 * - Graphviz writes an element's id into SVG with entities for some
 *   characters ('-' as "&#45;"); jy_render_svg_id reads it back, for the
 *   passes that find the layout's elements in Graphviz's SVG.
 * - Characters outside the table are estimated on the wide side: an em for
 *   East Asian wide characters and emoji, 0.7 em for anything else, none
 *   for combining marks.  render_gv.c checks every text after Graphviz has
 *   measured it, and the layout is redone narrower if one does not fit.
 * - Wrapping is greedy at spaces (runs of spaces count as one, as they do
 *   in SVG); a word longer than a line is cut between characters.
 * - A line also holds at most RENDER_LINE_CHARS characters, however
 *   narrow: combining marks have no width, and pango's time to shape one
 *   run of them grows with the square of its length (300 000 accents on
 *   one letter took minutes to draw as PNG).
 * - Line breaks in a text are read as in Markdown: most are the author's
 *   wrapping of a long triple-quoted text, so a single one counts as a
 *   space; a blank line starts a new paragraph (an empty line between);
 *   a line that starts a list ("- ", "* ", "• ") starts a new line.
 */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

static unsigned table_width(uint32_t cp, render_font font)
{
    for (unsigned i = 0; i < jy_render_font_nranges; i++) {
        const render_font_range *r = &jy_render_font_ranges[i];
        if (cp >= r->lo && cp <= r->hi) {
            const unsigned short *t = font == RF_BOLD ? jy_render_font_bold : jy_render_font_regular;
            return t[r->offset + (cp - r->lo)];
        }
    }
    return 0;
}

static bool is_combining(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

static bool is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F000 && cp <= 0x1FAFF) || cp >= 0x20000;
}

/* Thousandths of an em. */
static unsigned char_width(uint32_t cp, render_font font)
{
    unsigned w = table_width(cp, font);
    if (w)
        return w;
    if (is_combining(cp))
        return 0;
    if (is_wide(cp))
        return 1150;
    return 700;
}

/* Decodes one code point of valid UTF-8 (the model holds only valid text;
 * a stray byte counts as U+FFFD). */
static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t len = jy_utf8_seq_len(p, n - *i);
    if (len == 0) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t cp = len == 1 ? p[0] : len == 2 ? p[0] & 0x1F : len == 3 ? p[0] & 0x0F : p[0] & 0x07;
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    *i += len;
    return cp;
}

double jy_render_text_width(const char *s, size_t n, render_font font, double size)
{
    unsigned long total = 0;
    for (size_t i = 0; i < n;)
        total += char_width(next_cp(s, n, &i), font);
    return (double)total * size / 1000.0;
}

/* ---- wrapping ------------------------------------------------------------ */

typedef struct {
    jy_buf *out;
    render_font font;
    double size;
    double width;              /* of a whole line */
    const char *indent;        /* continuation lines start with it */
    size_t indent_len;
    double indent_w;
    double line_w;             /* of the line being built */
    size_t line_chars;         /* characters on it */
    bool line_open;            /* something is on the current line */
    unsigned nlines;
    double widest;
} wrapper;

static void end_line(wrapper *w)
{
    jy_buf_addc(w->out, '\n');
    if (w->line_w > w->widest)
        w->widest = w->line_w;
    w->nlines++;
    w->line_open = false;
    w->line_w = 0;
    w->line_chars = 0;
}

static void start_line(wrapper *w)
{
    jy_buf_add(w->out, w->indent, w->indent_len);
    w->line_w = w->indent_w;
    w->line_chars = w->indent_len / 2;   /* no-break spaces */
    w->line_open = true;
}

/* Appends one word (no spaces in it), wrapping before it or inside it. */
static void add_word(wrapper *w, const char *s, size_t n, bool first_on_line)
{
    double space = jy_render_text_width(" ", 1, w->font, w->size);
    double ww = jy_render_text_width(s, n, w->font, w->size);
    size_t chars = jy_utf8_count(s, n);
    if (!first_on_line) {
        if (w->line_w + space + ww <= w->width && w->line_chars + 1 + chars <= RENDER_LINE_CHARS) {
            jy_buf_addc(w->out, ' ');
            jy_buf_add(w->out, s, n);
            w->line_w += space + ww;
            w->line_chars += 1 + chars;
            return;
        }
        end_line(w);
        start_line(w);
    }
    if (w->line_w + ww <= w->width && w->line_chars + chars <= RENDER_LINE_CHARS) {
        jy_buf_add(w->out, s, n);
        w->line_w += ww;
        w->line_chars += chars;
        return;
    }
    /* Too long for any line: cut it between characters. */
    for (size_t i = 0; i < n;) {
        size_t start = i;
        next_cp(s, n, &i);
        double cw = jy_render_text_width(s + start, i - start, w->font, w->size);
        if ((w->line_w + cw > w->width && w->line_w > w->indent_w) || w->line_chars >= RENDER_LINE_CHARS) {
            end_line(w);
            start_line(w);
        }
        jy_buf_add(w->out, s + start, i - start);
        w->line_w += cw;
        w->line_chars++;
    }
}

static bool starts_list(const char *s, size_t n)
{
    return (n >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ') ||
           (n >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0);
}

unsigned jy_render_wrap(jy_buf *out, jy_str text, const char *prefix, render_font font, double size, double width,
                     double *widest)
{
    wrapper w = { 0 };
    w.out = out;
    w.font = font;
    w.size = size;
    w.width = width;
    /* The indent under a prefix: as many no-break spaces (SVG keeps them,
     * where it would collapse ordinary ones) as come nearest the prefix's
     * width, so the lines under it start where its text does. */
    char indent[64];
    size_t ilen = 0;
    double pw = prefix ? jy_render_text_width(prefix, strlen(prefix), font, size) : 0;
    double nbsp = jy_render_text_width("\xC2\xA0", 2, font, size);
    while (prefix && w.indent_w + nbsp / 2 < pw && ilen + 2 < sizeof indent) {
        memcpy(indent + ilen, "\xC2\xA0", 2);
        ilen += 2;
        w.indent_w += nbsp;
    }
    w.indent = indent;
    w.indent_len = ilen;

    if (prefix) {
        jy_buf_adds(out, prefix);
        w.line_w = pw;
        w.line_chars = jy_utf8_count(prefix, strlen(prefix));
    }
    w.line_open = true;
    bool first_on_line = true;
    size_t i = 0;
    while (i < text.n) {
        char c = text.s[i];
        if (c == '\n') {
            unsigned breaks = 0;
            while (i < text.n && (text.s[i] == '\n' || text.s[i] == ' ' || text.s[i] == '\t' || text.s[i] == '\r'))
                breaks += text.s[i++] == '\n';
            if (i >= text.n || first_on_line)
                continue;
            if (breaks >= 2) {
                end_line(&w);
                start_line(&w);
                end_line(&w);
                start_line(&w);
                first_on_line = true;
            } else if (starts_list(text.s + i, text.n - i)) {
                end_line(&w);
                start_line(&w);
                first_on_line = true;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < text.n && text.s[i] != ' ' && text.s[i] != '\t' && text.s[i] != '\n' && text.s[i] != '\r')
            i++;
        add_word(&w, text.s + start, i - start, first_on_line);
        first_on_line = false;
    }
    if (w.line_open)
        end_line(&w);
    if (widest)
        *widest = w.widest;
    return w.nlines;
}

/* An id as Graphviz wrote it, entities decoded ("a&#45;b" -> "a-b"). */
void jy_render_svg_id(jy_buf *out, const char *s, size_t n)
{
    out->len = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i);
            if (semi && i + 2 < n && s[i + 1] == '#') {
                unsigned long cp = s[i + 2] == 'x' ? strtoul(s + i + 3, NULL, 16) : strtoul(s + i + 2, NULL, 10);
                if (cp > 0 && cp < 0x80) {
                    jy_buf_addc(out, (char)cp);
                    i = (size_t)(semi - s);
                    continue;
                }
            } else if (semi) {
                static const struct { const char *name; char c; } named[] = {
                    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
                };
                size_t len = (size_t)(semi - (s + i)) + 1;
                bool found = false;
                for (size_t k = 0; k < sizeof named / sizeof named[0] && !found; k++)
                    if (strlen(named[k].name) == len && memcmp(named[k].name, s + i, len) == 0) {
                        jy_buf_addc(out, named[k].c);
                        found = true;
                    }
                if (found) {
                    i = (size_t)(semi - s);
                    continue;
                }
            }
        }
        jy_buf_addc(out, s[i]);
    }
    jy_buf_cstr(out);
}
