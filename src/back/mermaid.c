/* mermaid.c - the checked model as a Mermaid `journey` diagram.
 *
 * Design notes
 * - The mapping: the journey's title is the diagram's title, each stage a
 *   section, each step a task, each persona an actor.  Mermaid gives a
 *   task one score, so a step where personas feel differently becomes one
 *   task per distinct score, with the personas at that score as its actors
 *   (in declaration order, the tasks in the order of their first persona).
 *   A step without any emotion is a task at 3, the middle, with no actor.
 * - Scores: the map's scale LOW..HIGH is mapped linearly onto 1..5; the
 *   result is written as an integer when it is one (always on the default
 *   -2..2 scale), else with 2 decimals (Mermaid reads it with Number()).
 * - Mermaid's journey grammar has no quoting, so text is rewritten until it
 *   cannot misparse (clean(); docs/export.md has the table, and the lexer
 *   rules each replacement answers).  Every space, control character and
 *   line break (anything JavaScript's \s matches, and NEL) becomes one
 *   space, trimmed at both ends; '#' (starts a comment) and ';' (ends a
 *   statement) become their full-width forms everywhere, ':' (ends a task
 *   name, separates score and actors) everywhere but in the title, ',' in
 *   an actor (separates actors); a '%' that starts a text or follows
 *   another '%' (Mermaid drops "%..." where a token starts, "x%%..." and
 *   "%%{...}%%" anywhere) becomes full width too.  A task name that begins
 *   with a word the lexer takes as a keyword (journey, title, section,
 *   accTitle, accDescr, in any case) gets a zero-width space in front.
 *   Text with nothing visible left falls back to the id.
 * - Checked against Mermaid 11's own parser during development (the
 *   examples and tests/export/hostile.journey): every line parses, and each
 *   task keeps its name, score and actors.
 */
#include "journey/export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *jy_export_mermaid_score(char *buf, const jy_model *m, int score)
{
    long span = (long)m->scale_hi - m->scale_lo;
    long num = 4L * ((long)score - m->scale_lo);
    if (span <= 0) {
        snprintf(buf, 16, "3");
    } else if (num % span == 0) {
        snprintf(buf, 16, "%ld", 1 + num / span);
    } else {
        snprintf(buf, 16, "%.2f", 1.0 + (double)num / (double)span);
        for (char *c = buf; *c; c++)   /* whatever the locale */
            if (*c == ',')
                *c = '.';
        size_t n = strlen(buf);
        while (n && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n && buf[n - 1] == '.')     /* 1.002 rounds to "1.00" */
            buf[--n] = '\0';
    }
    return buf;
}

/* Where a text goes decides what must be replaced in it. */
enum {
    MM_TITLE,                  /* after "title ": ':' is fine */
    MM_SECTION,                /* after "section " */
    MM_TASK,                   /* before the first ':' */
    MM_ACTOR                   /* after the second ':', split at ',' */
};

static void put_fullwidth(jy_buf *b, unsigned char c)
{
    /* U+FF01..U+FF5E are U+0021..U+007E in full width. */
    unsigned cp = 0xFF01 + (c - 0x21);
    char u[4];
    int n = jy_utf8_encode(cp, u);
    jy_buf_add(b, u, (size_t)n);
}

/* The code point of the valid UTF-8 sequence of len bytes at p. */
static uint32_t decode(const unsigned char *p, size_t len)
{
    static const unsigned char lead_mask[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
    uint32_t cp = p[0] & lead_mask[len];
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

/* Whether Mermaid (JavaScript's \s, its lexer's whitespace) or a reader
 * sees cp as a space or a line break: controls, U+0085 NEL, and every
 * character of JavaScript's \s. */
static bool is_blank(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Whether c at this point of the text must become its full-width form. */
static bool misread(unsigned char c, int where, const jy_buf *b, size_t start)
{
    switch (c) {
    case '#':                  /* starts a comment */
    case ';':                  /* ends a statement */
        return true;
    case ':':                  /* ends a task name or a section */
        return where != MM_TITLE;
    case ',':                  /* separates actors */
        return where == MM_ACTOR;
    case '%':                  /* "%" where a token starts, or "%%" anywhere: a comment or a directive */
        return b->len == start || b->p[b->len - 1] == '%';
    default:
        return false;
    }
}

/* Appends the cleaned text to b; returns false if nothing visible is left. */
static bool clean(jy_buf *b, jy_str s, int where)
{
    size_t start = b->len;
    bool space = false;        /* a space is pending */
    for (size_t i = 0; i < s.n;) {
        const unsigned char *p = (const unsigned char *)s.s + i;
        size_t len = p[0] < 0x80 ? 1 : jy_utf8_seq_len(p, s.n - i);
        uint32_t cp = len ? decode(p, len) : 0;   /* invalid: cannot happen in a checked model */
        if (!len)
            len = 1;
        i += len;
        if (is_blank(cp)) {
            space = b->len > start;
            continue;
        }
        if (space) {
            jy_buf_addc(b, ' ');
            space = false;
        }
        if (len == 1 && misread(p[0], where, b, start))
            put_fullwidth(b, p[0]);
        else
            jy_buf_add(b, p, len);
    }
    if (where == MM_TASK && b->len > start) {
        /* Keywords that the diagram's lexer matches, case-insensitively, at
         * the start of a line before it tries a task name. */
        static const char *const keywords[] = { "journey", "title", "section", "acctitle", "accdescr" };
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
            size_t kn = strlen(keywords[k]);
            if (b->len - start >= kn && strncasecmp(b->p + start, keywords[k], kn) == 0) {
                jy_buf_reserve(b, 3);
                memmove(b->p + start + 3, b->p + start, b->len - start);
                memcpy(b->p + start, "\xE2\x80\x8B", 3);   /* U+200B ZERO WIDTH SPACE */
                b->len += 3;
                break;
            }
        }
    }
    return b->len > start;
}

/* The text, or the id when the text has nothing visible. */
static void mm_name(jy_buf *b, jy_str text, jy_str id, int where)
{
    if (!clean(b, text, where))
        clean(b, id, where);
}

/* One task line per score: "Task: 5: Anna, Ben" (the personas who feel
 * it), "Task: 5" for the mood of a journey without personas, "Task: 3"
 * (neutral) when no emotion is given at all. */
static void write_step(FILE *out, jy_buf *b, const jy_model *m, const jy_step *s, jy_feel_view *v, bool *done)
{
    char score[16];
    b->len = 0;
    jy_buf_adds(b, "    ");
    mm_name(b, s->title, s->id, MM_TASK);
    size_t prefix = b->len;
    bool any = false;
    uint32_t n = jy_step_views(s, v);
    memset(done, 0, n * sizeof *done);
    for (uint32_t k = 0; k < n; k++) {
        if (done[k] || !v[k].has)
            continue;
        b->len = prefix;
        jy_buf_printf(b, ": %s", jy_export_mermaid_score(score, m, v[k].score));
        for (uint32_t j = k, actors = 0; j < n; j++) {
            if (done[j] || !v[j].has || v[j].score != v[k].score)
                continue;
            done[j] = true;
            if (v[j].persona == JY_MOOD)
                continue;
            jy_buf_adds(b, actors++ ? ", " : ": ");
            const jy_persona *p = &m->personas[v[j].persona];
            mm_name(b, p->title, p->id, MM_ACTOR);
        }
        fprintf(out, "%.*s\n", (int)b->len, b->p);
        any = true;
    }
    if (!any)
        fprintf(out, "%.*s: 3\n", (int)prefix, b->p);
}

int jy_export_mermaid(FILE *out, const jy_model *m)
{
    jy_buf b = { 0 };
    bool *done = jy_xcalloc(m->npersonas + 1, sizeof *done);
    jy_feel_view *views = jy_xmalloc((m->npersonas + 1) * sizeof *views);
    fputs("journey\n", out);
    if (clean(&b, m->title, MM_TITLE))
        fprintf(out, "  title %.*s\n", (int)b.len, b.p);
    for (uint32_t gi = 0; gi < m->nstages; gi++) {
        const jy_stage *g = &m->stages[gi];
        b.len = 0;
        mm_name(&b, g->title, g->id, MM_SECTION);
        fprintf(out, "  section %.*s\n", (int)b.len, b.p);
        for (uint32_t si = g->first_step; si < g->first_step + g->nsteps; si++)
            write_step(out, &b, m, &m->steps[si], views, done);
    }
    free(done);
    free(views);
    jy_buf_free(&b);
    return ferror(out) ? -1 : 0;
}
