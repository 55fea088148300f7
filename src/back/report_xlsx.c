/* report_xlsx.c - a report's tables as one XLSX workbook (libxlsxwriter).
 *
 * Design notes
 * - The workbook holds the tables report.c made for CSV, TSV and
 *   Markdown, one sheet per kind after an "About" sheet: the same cells,
 *   typed for a spreadsheet.  Counts, scores, means and metric values are
 *   numbers (means shown with two decimals), booleans are booleans, dates
 *   are dates (yyyy-mm-dd); every text is a string cell, never a formula,
 *   which is why the workbook needs no spreadsheet guard: a text that
 *   begins with "=" is shown as written and never run.
 * - Each sheet: a bold header row frozen in place, an autofilter over the
 *   table, columns as wide as their widest value (between the header's
 *   width and 60 characters), wrapped text where a cell holds a line
 *   break, and conditional formatting on the rows to look at: a missed kpi
 *   in metrics (met is FALSE) and the summary's kpi-missed findings.
 * - Reproducible: the workbook's created and modified dates are
 *   options->today (SOURCE_DATE_EPOCH when set), the zip entries carry
 *   libxlsxwriter's fixed date, and nothing else varies, so the same maps
 *   give the same bytes.
 * - libxlsxwriter 1.1 writes to a file name only: the workbook is made in
 *   a private temporary directory (TMPDIR, else /tmp) and copied to the
 *   stream, so that the command's atomic output (jy_outfile) and standard
 *   output work as for every other format.
 * - Limits of the format: a sheet has at most 1 048 576 rows (a larger
 *   table is an error, never a silently cut sheet), a cell at most 32 767
 *   characters (a longer text is cut there, at a character's boundary).
 */
#include "report_int.h"
#include "journey/emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef JOURNEY_HAVE_XLSX

#include <unistd.h>
#include <xlsxwriter.h>

bool jy_report_has_xlsx(void)
{
    return true;
}

#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_CHARS 32767u
#define WIDTH_MAX 60.0

typedef struct {
    lxw_workbook *wb;
    lxw_format *bold, *date, *mean, *wrap, *alert;
    jy_buf text;               /* one cell's text, NUL-terminated */
    jy_report_error *err;
} book;

static int fail(book *k, const char *what, lxw_error e)
{
    snprintf(k->err->message, sizeof k->err->message, "cannot make the workbook: %s: %s", what, lxw_strerror(e));
    return -2;
}

/* The cell's text, encoded and cut to the 32 767 characters a cell holds;
 * its width in characters in *chars. */
static const char *cell_text(book *k, const char *s, size_t n, size_t *chars)
{
    k->text.len = 0;
    jy_xlsx_text(&k->text, s, n);
    size_t count = 0, i = 0;
    while (i < k->text.len) {
        unsigned char c = (unsigned char)k->text.p[i];
        if (count == XLSX_MAX_CHARS) {
            k->text.len = i;
            break;
        }
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        count++;
    }
    *chars = count;
    return jy_buf_cstr(&k->text);
}

static void day_to_datetime(int32_t days, lxw_datetime *dt)
{
    char buf[32];
    int y = 0, mo = 0, d = 0;
    sscanf(jy_report_format_day(buf, days), "%d-%d-%d", &y, &mo, &d);
    *dt = (lxw_datetime){ y, mo, d, 0, 0, 0 };
}

/* A date cell; a day before 1900-03-01 (which spreadsheets count wrong or
 * not at all) as its ISO text. */
static lxw_error write_date(book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int32_t days, size_t *width)
{
    char buf[32];
    jy_report_format_day(buf, days);
    *width = 10;
    if (days < -25508)         /* 1900-03-01 */
        return worksheet_write_string(ws, r, c, buf, NULL);
    lxw_datetime dt;
    day_to_datetime(days, &dt);
    return worksheet_write_datetime(ws, r, c, &dt, k->date);
}

static lxw_error write_cell(book *k, lxw_worksheet *ws, const rtable *t, lxw_row_t r, lxw_col_t col, const rcell *c,
                            size_t *width)
{
    char num[64];
    *width = jy_report_cell_show(t, c, num).n;
    switch (c->kind) {
    case CELL_EMPTY:
        *width = 0;
        return LXW_NO_ERROR;
    case CELL_TEXT: {
        jy_str s = rtable_text(t, c);
        const char *z = cell_text(k, s.s, s.n, width);
        bool multiline = memchr(z, '\n', k->text.len) != NULL;
        if (multiline) {
            /* The widest line sets the width. */
            size_t w = 0, line = 0;
            for (const char *p = z; *p; p++) {
                if (*p == '\n') {
                    line = 0;
                    continue;
                }
                if (((unsigned char)*p & 0xC0) != 0x80 && ++line > w)
                    w = line;
            }
            *width = w;
        }
        return worksheet_write_string(ws, r, col, z, multiline ? k->wrap : NULL);
    }
    case CELL_INT:
    case CELL_NUM:
        return worksheet_write_number(ws, r, col, c->v, NULL);
    case CELL_MEAN:
        return worksheet_write_number(ws, r, col, c->v, k->mean);
    case CELL_BOOL:
        return worksheet_write_boolean(ws, r, col, c->v != 0, NULL);
    case CELL_DATE:
        return write_date(k, ws, r, col, (int32_t)c->v, width);
    }
    return LXW_NO_ERROR;
}

static double clamp_width(size_t chars, size_t header)
{
    double w = (double)(chars > header ? chars : header) + 2;
    return w > WIDTH_MAX ? WIDTH_MAX : w;
}

/* The rows to look at: a formula over the first data row, which the
 * spreadsheet shifts down the table. */
static lxw_error highlight_rows(book *k, lxw_worksheet *ws, const rtable *t, size_t nrows)
{
    if (t->hl.col < 0 || !nrows)
        return LXW_NO_ERROR;
    char colname[16];
    lxw_col_to_name(colname, (lxw_col_t)t->hl.col, 1);   /* $M */
    jy_buf f = { 0 };
    if (t->hl.when_false) {
        jy_buf_printf(&f, "=%s2=FALSE", colname);
    } else {
        jy_buf_adds(&f, "=OR(");
        for (size_t i = 0; t->hl.texts[i]; i++)
            jy_buf_printf(&f, "%s%s2=\"%s\"", i ? "," : "", colname, t->hl.texts[i]);
        jy_buf_adds(&f, ")");
    }
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = (char *)jy_buf_cstr(&f);
    cf.format = k->alert;
    lxw_error e = worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)nrows, (lxw_col_t)(t->ncols - 1), &cf);
    jy_buf_free(&f);
    return e;
}

static int write_sheet(book *k, const rtable *t)
{
    const char *name = jy_report_kind_name(t->kind);
    size_t nrows = rtable_rows(t);
    if (nrows >= XLSX_MAX_ROWS) {
        snprintf(k->err->message, sizeof k->err->message,
                 "the %s table has %zu rows: a sheet holds at most %u besides its header; write it as CSV", name,
                 nrows, XLSX_MAX_ROWS - 1);
        return -2;
    }
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, name);
    if (!ws)
        return fail(k, name, LXW_ERROR_MEMORY_MALLOC_FAILED);
    size_t *widths = jy_xcalloc(t->ncols ? t->ncols : 1, sizeof *widths);
    lxw_error e = LXW_NO_ERROR;
    for (unsigned i = 0; i < t->ncols && !e; i++) {
        e = worksheet_write_string(ws, 0, (lxw_col_t)i, t->cols[i].name, k->bold);
        widths[i] = strlen(t->cols[i].name);
    }
    size_t w;
    for (size_t r = 0; r < nrows && !e; r++)
        for (unsigned i = 0; i < t->ncols && !e; i++) {
            e = write_cell(k, ws, t, (lxw_row_t)(r + 1), (lxw_col_t)i, rtable_cell(t, r, i), &w);
            if (w > widths[i])
                widths[i] = w;
        }
    for (unsigned i = 0; i < t->ncols && !e; i++)
        e = worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, clamp_width(widths[i], strlen(t->cols[i].name)),
                                 NULL);
    free(widths);
    if (!e) {
        worksheet_freeze_panes(ws, 1, 0);
        e = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(t->ncols - 1));
    }
    if (!e)
        e = highlight_rows(k, ws, t, nrows);
    return e ? fail(k, name, e) : 0;
}

/* The About sheet: what made the workbook, when, from which maps. */
static int write_about(book *k, rtable *const *tables, size_t ntables, const jy_report_map *maps, size_t nmaps,
                       const report_options *o)
{
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, "About");
    if (!ws)
        return fail(k, "About", LXW_ERROR_MEMORY_MALLOC_FAILED);
    size_t w;
    lxw_error e = worksheet_write_string(ws, 0, 0, "Journey report", k->bold);
    jy_buf b = { 0 };
    jy_buf_printf(&b, "journey %s", o->version ? o->version : "");
    if (!e)
        e = worksheet_write_string(ws, 2, 0, "made by", k->bold);
    if (!e)
        e = worksheet_write_string(ws, 2, 1, jy_buf_cstr(&b), NULL);
    if (!e)
        e = worksheet_write_string(ws, 3, 0, "date", k->bold);
    if (!e)
        e = write_date(k, ws, 3, 1, o->today, &w);
    b.len = 0;
    for (size_t i = 0; i < ntables; i++)
        jy_buf_printf(&b, "%s%s", i ? ", " : "", jy_report_kind_name(tables[i]->kind));
    if (!e)
        e = worksheet_write_string(ws, 4, 0, "sheets", k->bold);
    if (!e)
        e = worksheet_write_string(ws, 4, 1, jy_buf_cstr(&b), NULL);
    b.len = 0;
    if (o->tag)
        jy_buf_printf(&b, "tag %s", o->tag);
    if (o->persona)
        jy_buf_printf(&b, "%spersona %s", o->tag ? "; " : "", o->persona);
    if (!e)
        e = worksheet_write_string(ws, 5, 0, "filters", k->bold);
    if (!e && b.len)
        e = worksheet_write_string(ws, 5, 1, cell_text(k, b.p, b.len, &w), NULL);
    static const char *const heads[] = { "journey", "journey_file", "state", "owner", "reviewed", "next_review",
                                         "stages", "steps", "personas" };
    const unsigned nheads = sizeof heads / sizeof heads[0];
    for (unsigned i = 0; i < nheads && !e; i++)
        e = worksheet_write_string(ws, 7, (lxw_col_t)i, heads[i], k->bold);
    size_t widest = 12, widest_path = 14;
    for (size_t i = 0; i < nmaps && !e; i++) {
        const jy_model *m = maps[i].model;
        lxw_row_t r = (lxw_row_t)(8 + i);
        const char *path = maps[i].path ? maps[i].path : "";
        jy_str title = jy_display_name(m->title, jy_str_make(path, strlen(path)));
        e = worksheet_write_string(ws, r, 0, cell_text(k, title.s, title.n, &w), NULL);
        if (w > widest)
            widest = w;
        w = 0;
        if (!e && *path)
            e = worksheet_write_string(ws, r, 1, cell_text(k, path, strlen(path), &w), NULL);
        if (w > widest_path)
            widest_path = w;
        if (!e)
            e = worksheet_write_string(ws, r, 2, cell_text(k, m->state_word.s, m->state_word.n, &w), NULL);
        if (!e && m->owner >= 0) {
            jy_str team = jy_display_name(m->teams[m->owner].title, m->teams[m->owner].id);
            e = worksheet_write_string(ws, r, 3, cell_text(k, team.s, team.n, &w), NULL);
        }
        if (!e && m->reviewed.set)
            e = write_date(k, ws, r, 4, m->reviewed.days, &w);
        if (!e && m->next_review.set)
            e = write_date(k, ws, r, 5, m->next_review.days, &w);
        if (!e)
            e = worksheet_write_number(ws, r, 6, m->nstages, NULL);
        if (!e)
            e = worksheet_write_number(ws, r, 7, m->nsteps, NULL);
        if (!e)
            e = worksheet_write_number(ws, r, 8, m->npersonas, NULL);
    }
    jy_buf_free(&b);
    if (!e)
        e = worksheet_set_column(ws, 0, 0, clamp_width(widest, 8), NULL);
    if (!e)
        e = worksheet_set_column(ws, 1, 1, clamp_width(widest_path, 12), NULL);
    if (!e)
        e = worksheet_set_column(ws, 2, 8, 12, NULL);
    return e ? fail(k, "About", e) : 0;
}

/* Copies the finished workbook to the stream: 0, or -1 when the stream failed. */
static int copy_to(FILE *out, const char *path, jy_report_error *err)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        snprintf(err->message, sizeof err->message, "cannot read the workbook back: %s", strerror(errno));
        return -2;
    }
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) {
            rc = -1;
            break;
        }
    if (!rc && ferror(in)) {
        snprintf(err->message, sizeof err->message, "cannot read the workbook back: %s", strerror(errno));
        rc = -2;
    }
    fclose(in);
    if (!rc && fflush(out) != 0)
        rc = -1;
    return rc;
}

int jy_report_xlsx_write(FILE *out, rtable *const *tables, size_t ntables, const jy_report_map *maps, size_t nmaps,
                         const report_options *o, jy_report_error *err)
{
    const char *tmp = getenv("TMPDIR");
    jy_buf dir = { 0 }, path = { 0 };
    jy_buf_printf(&dir, "%s/journey-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp((char *)jy_buf_cstr(&dir))) {
        snprintf(err->message, sizeof err->message, "cannot make a temporary directory in %s: %s",
                 tmp && *tmp ? tmp : "/tmp", strerror(errno));
        jy_buf_free(&dir);
        return -2;
    }
    jy_buf_printf(&path, "%s/report.xlsx", dir.p);
    book k = { 0 };
    k.err = err;
    lxw_workbook_options wo = { 0 };
    wo.tmpdir = dir.p;
    k.wb = workbook_new_opt(jy_buf_cstr(&path), &wo);
    int rc = 0;
    if (!k.wb) {
        rc = fail(&k, "a new workbook", LXW_ERROR_CREATING_XLSX_FILE);
    } else {
        /* The workbook's dates: today (SOURCE_DATE_EPOCH when set), at midnight UTC. */
        lxw_doc_properties props;
        memset(&props, 0, sizeof props);
        props.title = "Journey report";
        props.created = (time_t)o->today * 86400;
        workbook_set_properties(k.wb, &props);
        k.bold = workbook_add_format(k.wb);
        format_set_bold(k.bold);
        k.date = workbook_add_format(k.wb);
        format_set_num_format(k.date, "yyyy-mm-dd");
        k.mean = workbook_add_format(k.wb);
        format_set_num_format(k.mean, "0.00");
        k.wrap = workbook_add_format(k.wb);
        format_set_text_wrap(k.wrap);
        format_set_align(k.wrap, LXW_ALIGN_VERTICAL_TOP);
        k.alert = workbook_add_format(k.wb);
        format_set_bg_color(k.alert, 0xFFC7CE);
        format_set_font_color(k.alert, 0x9C0006);
        rc = write_about(&k, tables, ntables, maps, nmaps, o);
        for (size_t i = 0; i < ntables && !rc; i++)
            rc = write_sheet(&k, tables[i]);
        lxw_error e = workbook_close(k.wb);   /* writes the file, frees the workbook */
        if (!rc && e)
            rc = fail(&k, "writing it", e);
        if (!rc)
            rc = copy_to(out, path.p, err);
    }
    unlink(path.p);
    rmdir(dir.p);
    jy_buf_free(&k.text);
    jy_buf_free(&path);
    jy_buf_free(&dir);
    return rc;
}

#else /* no libxlsxwriter: the command refuses -o FILE.xlsx before writing */

bool jy_report_has_xlsx(void)
{
    return false;
}

int jy_report_xlsx_write(FILE *out, rtable *const *tables, size_t ntables, const jy_report_map *maps, size_t nmaps,
                         const report_options *o, jy_report_error *err)
{
    (void)out, (void)tables, (void)ntables, (void)maps, (void)nmaps, (void)o;
    snprintf(err->message, sizeof err->message, "this journey was built without XLSX (libxlsxwriter)");
    return -2;
}

#endif
