/* report_table.c - a report's table, and its CSV, TSV and Markdown writer.
 *
 * Design notes
 * - A table is its columns and rows of typed cells, in memory: a report
 *   is made once and any format writes it (report_int.h).  Texts live in
 *   one buffer, cells hold offsets into it, so a table costs a few words
 *   per cell however many rows it has.
 * - The writer encodes each cell for the format (journey/emit.h: the one
 *   CSV, TSV and Markdown encoding of the project) into a sink that goes
 *   to the stream in 64 KiB pieces.  CSV follows RFC 4180 with LF line
 *   ends; TSV the IANA type (no quoting: a tab, line break or backslash in
 *   a field is \t, \n, \\); Markdown is a GitHub-flavoured table.
 * - Only text columns get the spreadsheet guard: a field that begins with
 *   = + - @, a tab or a carriage return is prefixed with ' unless --raw.
 *   Numbers are printed in the C locale: integers as integers, means with
 *   2 decimals, other values with up to 15 significant digits.
 */
#include "report_int.h"
#include "journey/emit.h"

#include <stdlib.h>
#include <string.h>

static const column journey_columns[] = { { "journey", COL_TEXT }, { "journey_file", COL_TEXT } };
#define NJOURNEY 2u

void jy_report_table_init(rtable *t, report_kind kind, const column *cols, unsigned ncols, bool journey_cols)
{
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->journey_cols = journey_cols;
    unsigned extra = journey_cols ? NJOURNEY : 0;
    t->ncols = ncols + extra;
    t->cols = jy_xcalloc(t->ncols, sizeof *t->cols);
    if (journey_cols)
        memcpy(t->cols, journey_columns, sizeof journey_columns);
    memcpy(t->cols + extra, cols, ncols * sizeof *cols);
    t->hl.col = -1;
}

void jy_report_table_free(rtable *t)
{
    free(t->cols);
    free(t->cells);
    jy_buf_free(&t->text);
    memset(t, 0, sizeof *t);
}

static rcell *next_cell(rtable *t);

static void put_text(rtable *t, const char *s, size_t n)
{
    rcell *c = next_cell(t);
    c->kind = n ? CELL_TEXT : CELL_EMPTY;
    c->off = t->text.len;
    c->len = n;
    if (n)
        jy_buf_add(&t->text, s, n);
}

static rcell *next_cell(rtable *t)
{
    if (t->col == 0 && t->journey_cols) {
        t->col = NJOURNEY;
        size_t at = t->ncells;
        for (unsigned i = 0; i < NJOURNEY; i++) {
            rcell c = { 0 };
            VEC_PUSH(t->cells, t->ncells, t->cap, c);
        }
        jy_str j[NJOURNEY] = { t->journey_title, t->journey_path };
        for (unsigned i = 0; i < NJOURNEY; i++) {
            rcell *c = &t->cells[at + i];
            c->kind = j[i].n ? CELL_TEXT : CELL_EMPTY;
            c->off = t->text.len;
            c->len = j[i].n;
            jy_buf_add(&t->text, j[i].s ? j[i].s : "", j[i].n);
        }
    }
    rcell c = { 0 };
    VEC_PUSH(t->cells, t->ncells, t->cap, c);
    t->col++;
    return &t->cells[t->ncells - 1];
}

void jy_report_cell_text(rtable *t, const char *s, size_t n)
{
    put_text(t, s, n);
}

void jy_report_cell_num(rtable *t, cell_kind kind, double v)
{
    rcell *c = next_cell(t);
    c->kind = kind;
    c->v = v;
}

void jy_report_cell_empty(rtable *t)
{
    next_cell(t);
}

void jy_report_row_end(rtable *t)
{
    /* A row always has every column, even if a report writes fewer. */
    while (t->col < t->ncols)
        next_cell(t);
    t->col = 0;
}

const char *jy_report_format_day(char *buf, int32_t days)
{
    /* Days since 1970-01-01 to a proleptic Gregorian date: eras of 400
     * years (146097 days) that start on 1 March, so the leap day is last. */
    long long z = (long long)days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    long long y = yoe + era * 400 + (m <= 2);
    snprintf(buf, 32, "%04d-%02d-%02d", (int)(y % 100000), (int)m, (int)d);
    return buf;
}

jy_str jy_report_cell_show(const rtable *t, const rcell *c, char *buf)
{
    switch (c->kind) {
    case CELL_EMPTY:
        return jy_str_make("", 0);
    case CELL_TEXT:
        return rtable_text(t, c);
    case CELL_INT:
        snprintf(buf, 64, "%lld", (long long)c->v);
        break;
    case CELL_NUM:
        jy_format_number(buf, c->v);
        break;
    case CELL_MEAN:
        jy_format_mean(buf, c->v);
        break;
    case CELL_BOOL:
        strcpy(buf, c->v != 0 ? "true" : "false");
        break;
    case CELL_DATE:
        jy_report_format_day(buf, (int32_t)c->v);
        break;
    }
    return jy_str_make(buf, strlen(buf));
}

/* ---- CSV, TSV and Markdown ------------------------------------------------ */

static bool needs_guard(const char *s, size_t n)
{
    return n > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static void sep(jy_buf *b, const report_options *o, unsigned col)
{
    if (o->format == REPORT_MARKDOWN)
        jy_buf_adds(b, col ? " | " : "| ");
    else if (col)
        jy_buf_addc(b, o->format == REPORT_TSV ? '\t' : ',');
}

static void end_line(jy_buf *b, const report_options *o)
{
    jy_buf_adds(b, o->format == REPORT_MARKDOWN ? " |\n" : "\n");
}

int jy_report_table_write(FILE *out, const rtable *t, const report_options *o)
{
    jy_sink k;
    jy_sink_init(&k, out);
    jy_buf scratch = { 0 };
    if (o->bom && o->format != REPORT_MARKDOWN)
        jy_buf_adds(&k.b, "\xEF\xBB\xBF");
    /* Column names are plain [a-z_]: written as they are in every format
     * (a Markdown reader shows "step_no", not "step\_no"). */
    for (unsigned i = 0; i < t->ncols; i++) {
        sep(&k.b, o, i);
        jy_buf_adds(&k.b, t->cols[i].name);
    }
    end_line(&k.b, o);
    if (o->format == REPORT_MARKDOWN) {
        for (unsigned i = 0; i < t->ncols; i++) {
            bool right = t->cols[i].type == COL_NUMBER || t->cols[i].type == COL_WRITTEN;
            jy_buf_adds(&k.b, i ? " | " : "| ");
            jy_buf_adds(&k.b, right ? "---:" : "---");
        }
        jy_buf_adds(&k.b, " |\n");
    }
    size_t nrows = rtable_rows(t);
    char num[64];
    for (size_t r = 0; r < nrows; r++) {
        for (unsigned i = 0; i < t->ncols; i++) {
            const rcell *c = rtable_cell(t, r, i);
            jy_str s = jy_report_cell_show(t, c, num);
            sep(&k.b, o, i);
            if (o->format == REPORT_MARKDOWN) {
                jy_markdown_text(&k.b, s.s, s.n);
                continue;
            }
            if (t->cols[i].type == COL_TEXT && !o->raw && needs_guard(s.s, s.n)) {
                scratch.len = 0;
                jy_buf_addc(&scratch, '\'');
                jy_buf_add(&scratch, s.s, s.n);
                s = jy_str_make(scratch.p, scratch.len);
            }
            if (o->format == REPORT_TSV)
                jy_tsv_field(&k.b, s.s, s.n);
            else
                jy_csv_field(&k.b, s.s, s.n);
        }
        end_line(&k.b, o);
        jy_sink_maybe_flush(&k);
    }
    jy_buf_free(&scratch);
    return jy_sink_close(&k);
}

/* ---- the kinds' names (every writer names its tables by them) ------------ */

static const char *const kind_names[REPORT_NKINDS] = {
    [REPORT_STEPS] = "steps",       [REPORT_PAINS] = "pains",   [REPORT_OPPORTUNITIES] = "opportunities",
    [REPORT_TOUCHPOINTS] = "touchpoints",
    [REPORT_PERSONAS] = "personas", [REPORT_METRICS] = "metrics", [REPORT_SUMMARY] = "summary",
    [REPORT_STAGES] = "stages",     [REPORT_OWNERS] = "owners", [REPORT_STEP_OWNERS] = "step-owners",
};

const char *jy_report_kind_name(report_kind kind)
{
    return (unsigned)kind < REPORT_NKINDS ? kind_names[kind] : NULL;
}

bool jy_report_kind_parse(const char *name, report_kind *out)
{
    for (unsigned k = 0; k < REPORT_NKINDS; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (report_kind)k;
            return true;
        }
    return false;
}
