/* fmt.c - the canonical layout of a .journey file (journey fmt).
 *
 * Design notes
 * - Input is one file's syntax tree, which keeps every statement's
 *   arguments (strings decoded, numbers as spelt), byte ranges into the
 *   source and the comments attached to the statements around them.  The
 *   output is built in one pass over the tree into a buffer: linear in the
 *   size of the file.  Nothing of the source is re-parsed except the
 *   whitespace between items, to see where the author left blank lines.
 * - Layout: two spaces per level, one statement per line, a block's '{'
 *   at the end of its statement's line and its '}' alone on a line.  An
 *   optional block that is empty and holds no comment is dropped
 *   (`step "S" {}` is `step "S"`); a journey or stage keeps its braces.
 * - One-line blocks: a block the author wrote on one line (the statement
 *   from its keyword to its '}' on one line of the source) stays on one
 *   line, `{ a; b }`, when that line fits in FMT_WIDTH characters and
 *   nothing in it is written on several lines (a text with a line
 *   break).  The author's choice is kept, as a formatter for objects
 *   keeps it: a block written on several lines stays on several, however
 *   short.  The output is canonical for each choice and idempotent (a
 *   block expanded for being too wide is on several lines the next time).
 * - Blank lines: inside a block, one where the author left at least one
 *   (never right after '{' or right before '}'); at the top level, one
 *   between two statements when either of them has a block on lines of
 *   its own, after the imports, and where the author left one.  The blank line before a
 *   statement goes before its own-line comments.
 * - Comments: own-line comments before their statement at its indentation,
 *   a trailing comment two spaces after the statement (after its '}' or
 *   the closing quotes of a long text), a comment after '{' stays there,
 *   comments before a '}' stay inside the block, the file's last comments
 *   stay at its end.  Their text is kept, trailing blanks removed.
 * - Numbers: no '+', no leading zeros, no trailing zeros after the point
 *   but one digit kept (a number written with a point keeps it, so a
 *   non-integer emotion stays the error it is), no "-0".  A metric's value
 *   is written as spelt: the model keeps its spelling (reports show it).
 * - Strings: a text with a line break is written triple-quoted, one line
 *   of text per line, indented one level deeper than the statement, and
 *   the closing quotes on their own line at that indentation; any other
 *   text in double quotes.  Characters are written as themselves except
 *   '\\' and, in one-line strings, '"'; a tab is \t; control and invisible
 *   formatting characters (bidirectional controls, zero-width spaces, the
 *   byte order mark...) are \u{XXXX} escapes.  In a triple-quoted text a
 *   '"' is escaped only where it would make three in a row, a space that
 *   would end a line is \u{0020}, and if every line began with a space the
 *   first of them is escaped, so that the indentation the scanner strips is
 *   exactly the one the formatter added.  Each choice round-trips through
 *   the scanner's decoding (src/front/lex_text.c, jy_lex_dedent).  A string
 *   whose canonical spelling would pass the scanner's limit on a string
 *   (JY_MAX_STRING) is written as the author spelt it, which fitted.
 */
#include "journey/fmt.h"
#include "journey/front.h"

#include <stdlib.h>
#include <string.h>

/* The widest line a block kept on one line may make, in characters
 * (indentation included, a trailing comment not). */
#define FMT_WIDTH 100

typedef struct {
    const jy_ast *ast;
    jy_buf *out;
    jy_buf line;               /* one rendered line of a long text */
    uint32_t *starts;          /* rendered lines of a long text: offsets */
    size_t nstarts, cap;
} fmt_ctx;

/* ---- the source around the tree ------------------------------------------ */

/* Whether the whitespace before offset off holds a blank line. */
static bool blank_before(const fmt_ctx *f, uint32_t off)
{
    const char *t = f->ast->text;
    int lines = 0;
    for (; off > 0; off--) {
        char c = t[off - 1];
        if (c == '\n') {
            if (++lines == 2)
                return true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return false;
}

static const jy_comment *comment(const fmt_ctx *f, uint32_t i)
{
    return &f->ast->comments[i];
}

/* Where a statement's group starts: its first own-line comment, or it. */
static uint32_t group_start(const fmt_ctx *f, const jy_node *n)
{
    const jy_node_comments *cm = jy_ast_node_comments(f->ast, n);
    if (cm && cm->lead_count)
        return comment(f, cm->lead_first)->loc.off;
    return n->loc.off;
}

/* Whether the statement is written with a block. */
static bool has_printed_block(const fmt_ctx *f, const jy_node *n)
{
    if (n->kind == JY_N_JOURNEY || n->kind == JY_N_STAGE)
        return true;
    const jy_node_comments *cm = jy_ast_node_comments(f->ast, n);
    return n->has_block && (n->child || (cm && (cm->header >= 0 || cm->inner_count)));
}

/* ---- output pieces --------------------------------------------------------- */

static void put_indent(fmt_ctx *f, int depth)
{
    jy_buf_reserve(f->out, (size_t)depth * 2);
    for (int i = 0; i < depth; i++)
        jy_buf_add(f->out, "  ", 2);
}

static void put_comment_text(fmt_ctx *f, uint32_t i)
{
    jy_str t = comment(f, i)->text;
    while (t.n && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t' || t.s[t.n - 1] == '\r'))
        t.n--;
    jy_buf_addstr(f->out, t);
}

/* A comment on a line of its own. */
static void put_comment_line(fmt_ctx *f, uint32_t i, int depth)
{
    put_indent(f, depth);
    put_comment_text(f, i);
    jy_buf_addc(f->out, '\n');
}

static void put_trailing(fmt_ctx *f, int32_t i)
{
    if (i < 0)
        return;
    jy_buf_add(f->out, "  ", 2);
    put_comment_text(f, (uint32_t)i);
}

/* ---- numbers ------------------------------------------------------------- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* s is a number as the scanner accepts it: [+-]digits[.digits][%]. */
static void put_number(fmt_ctx *f, jy_str s)
{
    size_t i = 0, n = s.n;
    bool neg = false;
    if (n && (s.s[0] == '+' || s.s[0] == '-'))
        neg = s.s[i++] == '-';
    size_t is = i;
    while (i < n && is_digit(s.s[i]))
        i++;
    size_t ie = i;
    while (is + 1 < ie && s.s[is] == '0')
        is++;
    size_t fs = i, fe = i;
    bool frac = i < n && s.s[i] == '.';
    if (frac) {
        fs = ++i;
        while (i < n && is_digit(s.s[i]))
            i++;
        fe = i;
        while (fe > fs + 1 && s.s[fe - 1] == '0')
            fe--;
    }
    bool pct = i < n && s.s[i] == '%';
    bool zero = ie - is == 1 && s.s[is] == '0' && (!frac || (fe - fs == 1 && s.s[fs] == '0'));
    if (neg && !zero)
        jy_buf_addc(f->out, '-');
    jy_buf_add(f->out, s.s + is, ie - is);
    if (frac) {
        jy_buf_addc(f->out, '.');
        jy_buf_add(f->out, s.s + fs, fe - fs);
    }
    if (pct)
        jy_buf_addc(f->out, '%');
}

/* LOW..HIGH, integers. */
static void put_range(fmt_ctx *f, jy_str s)
{
    const char *dots = NULL;
    for (uint32_t i = 1; i + 1 < s.n && !dots; i++)
        if (s.s[i] == '.' && s.s[i + 1] == '.')
            dots = s.s + i;
    if (!dots) {
        jy_buf_addstr(f->out, s);   /* cannot happen: the scanner made it */
        return;
    }
    put_number(f, jy_str_make(s.s, (size_t)(dots - s.s)));
    jy_buf_add(f->out, "..", 2);
    put_number(f, jy_str_make(dots + 2, (size_t)(s.s + s.n - dots - 2)));
}

/* ---- strings ------------------------------------------------------------- */

/* A text with line breaks: the lines of the text, each rendered, then
 * written one per line at depth + 1 between lines holding the quotes. */
static void put_triple_string(fmt_ctx *f, jy_str t, int depth)
{
    jy_buf *r = &f->line;
    r->len = 0;
    f->nstarts = 0;
    bool all_indented = true;   /* every non-empty line starts with a space */
    size_t i = 0;
    for (;;) {
        const char *nl = memchr(t.s + i, '\n', t.n - i);
        size_t end = nl ? (size_t)(nl - t.s) : t.n;
        VEC_PUSH(f->starts, f->nstarts, f->cap, (uint32_t)r->len);
        jy_str line = jy_str_make(t.s + i, end - i);
        bool trailing_space = line.n && line.s[line.n - 1] == ' ';
        if (trailing_space)
            line.n--;
        size_t at = r->len;
        jy_ast_spell_text(r, line, true);
        if (trailing_space)
            jy_buf_adds(r, "\\u{0020}");
        if (r->len > at && r->p[at] != ' ')
            all_indented = false;
        if (!nl)
            break;
        i = end + 1;
    }
    VEC_PUSH(f->starts, f->nstarts, f->cap, (uint32_t)r->len);

    jy_buf_add(f->out, "\"\"\"\n", 4);
    bool escape_first = all_indented;
    for (size_t k = 0; k + 1 < f->nstarts; k++) {
        const char *p = r->p + f->starts[k];
        size_t len = f->starts[k + 1] - f->starts[k];
        if (len) {
            put_indent(f, depth + 1);
            if (escape_first) {
                jy_buf_adds(f->out, "\\u{0020}");   /* p[0] is a space */
                p++;
                len--;
                escape_first = false;
            }
            jy_buf_add(f->out, p, len);
        }
        jy_buf_addc(f->out, '\n');
    }
    put_indent(f, depth + 1);
    jy_buf_add(f->out, "\"\"\"", 3);
}

/* The string as the author wrote it, line ends made LF.  The scanner
 * took it, so it is valid and within the limit, and it means the same
 * anywhere (a triple-quoted text strips its own common indentation). */
static void put_source_string(fmt_ctx *f, const jy_arg *a)
{
    const char *p = f->ast->text + a->loc.off, *end = f->ast->text + a->loc.end;
    while (p < end) {
        const char *cr = memchr(p, '\r', (size_t)(end - p));
        if (!cr || cr + 1 >= end || cr[1] != '\n') {
            size_t n = cr ? (size_t)(cr + 1 - p) : (size_t)(end - p);
            jy_buf_add(f->out, p, n);
            p += n;
            continue;
        }
        jy_buf_add(f->out, p, (size_t)(cr - p));
        p = cr + 1;   /* the LF follows */
    }
}

static void put_string(fmt_ctx *f, const jy_arg *a, int depth)
{
    size_t start = f->out->len;
    bool triple = a->text.n && memchr(a->text.s, '\n', a->text.n);
    if (triple)
        put_triple_string(f, a->text, depth);
    else
        jy_ast_quote_text(f->out, a->text);
    /* The canonical spelling can be longer than the source (escapes,
     * indentation); past the scanner's limit it would not parse again. */
    if (f->out->len - start - (triple ? 6 : 2) > JY_MAX_STRING) {
        f->out->len = start;
        put_source_string(f, a);
    }
}

/* ---- statements ---------------------------------------------------------- */

static void put_block(fmt_ctx *f, const jy_node *parent, int depth);

/* Statements whose arguments are a list of names: `persona anna, ben`. */
static bool name_list(int kind)
{
    return kind == JY_N_PERSONAS || kind == JY_N_TAG || kind == JY_N_SOLVES;
}

static void put_args(fmt_ctx *f, const jy_node *n, int depth)
{
    for (uint32_t i = 0; i < n->nargs; i++) {
        const jy_arg *a = &n->args[i];
        jy_buf_adds(f->out, name_list(n->kind) && i > 0 ? ", " : " ");
        switch (a->type) {
        case JY_ARG_STRING: put_string(f, a, depth); break;
        case JY_ARG_NUMBER:
            if (n->kind == JY_N_METRIC)
                jy_buf_addstr(f->out, a->text);
            else
                put_number(f, a->text);
            break;
        case JY_ARG_RANGE: put_range(f, a->text); break;
        default: jy_buf_addstr(f->out, a->text); break;
        }
    }
}

/* ---- one-line blocks ------------------------------------------------------- */

/* Whether statement n and everything in it can be written on one line:
 * no comment inside, no text with a line break, no empty journey or
 * stage (written `{` and `}` on two lines). */
static bool fits_one_line(const fmt_ctx *f, const jy_node *n, bool inner)
{
    const jy_node_comments *cm = jy_ast_node_comments(f->ast, n);
    if (cm && (cm->header >= 0 || cm->inner_count || (inner && (cm->lead_count || cm->trail >= 0))))
        return false;
    if (has_printed_block(f, n) && !n->child)
        return false;
    for (uint32_t i = 0; i < n->nargs; i++)
        if (n->args[i].type == JY_ARG_STRING && memchr(n->args[i].text.s, '\n', n->args[i].text.n))
            return false;
    for (const jy_node *c = n->child; c; c = c->next)
        if (!fits_one_line(f, c, true))
            return false;
    return true;
}

/* Whether n's block stays on one line: written on one line, not empty,
 * and nothing in it needs several. */
static bool keep_one_line(const fmt_ctx *f, const jy_node *n)
{
    return n->child && !memchr(f->ast->text + n->loc.off, '\n', n->loc.end - n->loc.off) &&
           fits_one_line(f, n, false);
}

/* A statement's arguments and block, on the current line. */
static void put_inline(fmt_ctx *f, const jy_node *n)
{
    put_args(f, n, 0);
    if (!has_printed_block(f, n))
        return;
    jy_buf_add(f->out, " { ", 3);
    for (const jy_node *c = n->child; c; c = c->next) {
        if (c != n->child)
            jy_buf_add(f->out, "; ", 2);
        jy_buf_adds(f->out, jy_ast_keyword((jy_node_kind)c->kind));
        put_inline(f, c);
    }
    jy_buf_add(f->out, " }", 2);
}

/* Characters (not bytes) from out[from] to its end. */
static size_t chars_since(const fmt_ctx *f, size_t from)
{
    size_t n = 0;
    for (size_t i = from; i < f->out->len; i++)
        n += ((unsigned char)f->out->p[i] & 0xC0) != 0x80;
    return n;
}

/* Whether statement n, at depth, is written with a block on lines of its
 * own (not kept on one line). */
static bool block_on_lines(fmt_ctx *f, const jy_node *n, int depth)
{
    if (!has_printed_block(f, n))
        return false;
    if (!keep_one_line(f, n))
        return true;
    jy_buf *out = f->out, scratch = { 0 };
    f->out = &scratch;
    put_indent(f, depth);
    jy_buf_adds(f->out, jy_ast_keyword((jy_node_kind)n->kind));
    put_inline(f, n);
    bool wide = chars_since(f, 0) > FMT_WIDTH;
    f->out = out;
    jy_buf_free(&scratch);
    return wide;
}

/* One statement and its own-line comments; the caller has written the
 * blank line before the group, if any. */
static void put_statement(fmt_ctx *f, const jy_node *n, int depth)
{
    const jy_node_comments *cm = jy_ast_node_comments(f->ast, n);
    if (cm) {
        for (uint32_t k = 0; k < cm->lead_count; k++) {
            uint32_t ci = cm->lead_first + k;
            if (k > 0 && blank_before(f, comment(f, ci)->loc.off))
                jy_buf_addc(f->out, '\n');
            put_comment_line(f, ci, depth);
        }
        if (cm->lead_count && blank_before(f, n->loc.off))
            jy_buf_addc(f->out, '\n');
    }
    size_t line = f->out->len;
    put_indent(f, depth);
    jy_buf_adds(f->out, jy_ast_keyword((jy_node_kind)n->kind));
    size_t head = f->out->len;
    if (has_printed_block(f, n) && keep_one_line(f, n)) {
        put_inline(f, n);
        if (chars_since(f, line) <= FMT_WIDTH) {
            if (cm)
                put_trailing(f, cm->trail);
            jy_buf_addc(f->out, '\n');
            return;
        }
        f->out->len = head;   /* too wide: one statement per line */
    }
    put_args(f, n, depth);
    if (has_printed_block(f, n)) {
        jy_buf_add(f->out, " {", 2);
        if (cm)
            put_trailing(f, cm->header);
        jy_buf_addc(f->out, '\n');
        put_block(f, n, depth + 1);
        put_indent(f, depth);
        jy_buf_addc(f->out, '}');
    }
    if (cm)
        put_trailing(f, cm->trail);
    jy_buf_addc(f->out, '\n');
}

/* The statements of a block and the comments before its '}'. */
static void put_block(fmt_ctx *f, const jy_node *parent, int depth)
{
    bool any = false;
    for (const jy_node *n = parent->child; n; n = n->next) {
        if (any && blank_before(f, group_start(f, n)))
            jy_buf_addc(f->out, '\n');
        put_statement(f, n, depth);
        any = true;
    }
    const jy_node_comments *cm = jy_ast_node_comments(f->ast, parent);
    for (uint32_t k = 0; cm && k < cm->inner_count; k++) {
        uint32_t ci = cm->inner_first + k;
        if (any && blank_before(f, comment(f, ci)->loc.off))
            jy_buf_addc(f->out, '\n');
        put_comment_line(f, ci, depth);
        any = true;
    }
}

void jy_fmt_ast(jy_buf *out, const jy_ast *ast)
{
    fmt_ctx f;
    memset(&f, 0, sizeof f);
    f.ast = ast;
    f.out = out;
    jy_buf_reserve(out, ast->len + ast->len / 8 + 64);
    const jy_node *prev = NULL;
    for (const jy_node *n = ast->stmts; n; n = n->next) {
        if (prev) {
            bool forced = block_on_lines(&f, prev, 0) || block_on_lines(&f, n, 0) ||
                          (prev->kind == JY_N_IMPORT && n->kind != JY_N_IMPORT);
            if (forced || blank_before(&f, group_start(&f, n)))
                jy_buf_addc(out, '\n');
        }
        put_statement(&f, n, 0);
        prev = n;
    }
    for (uint32_t k = 0; k < ast->tail_count; k++) {
        uint32_t ci = ast->tail_first + k;
        if ((prev || k > 0) && blank_before(&f, comment(&f, ci)->loc.off))
            jy_buf_addc(out, '\n');
        put_comment_line(&f, ci, 0);
    }
    jy_buf_free(&f.line);
    free(f.starts);
}
