/* report_int.h - internals shared by the report's files.
 *
 *   report.c         the kinds: the model -> tables of typed cells
 *   report_table.c   the table itself, and its CSV, TSV and Markdown writer
 *   report_xlsx.c    tables -> one XLSX workbook (libxlsxwriter)
 *
 * A report is made once, as a table: columns (a name and a type each) and
 * rows of typed cells.  Every format writes that same table, so a sheet of
 * the workbook and the CSV of the same kind hold the same values; only the
 * encoding differs.
 */
#ifndef JOURNEY_REPORT_INT_H
#define JOURNEY_REPORT_INT_H

#include "journey/report.h"

typedef enum {
    COL_TEXT,                  /* free text: escaped, and guarded in CSV/TSV */
    COL_NUMBER,                /* a number we print */
    COL_WRITTEN,               /* a number as the map writes it ("34%") */
    COL_BOOL,                  /* true / false */
    COL_DATE                   /* YYYY-MM-DD */
} col_type;

typedef struct {
    const char *name;
    col_type type;
} column;

/* How a cell is written: a number column holds integers, means (two
 * decimals) or other numbers (up to 15 significant digits). */
typedef enum { CELL_EMPTY, CELL_TEXT, CELL_INT, CELL_NUM, CELL_MEAN, CELL_BOOL, CELL_DATE } cell_kind;

typedef struct {
    double v;                  /* INT, NUM, MEAN; BOOL 0/1; DATE days since 1970-01-01 */
    size_t off, len;           /* TEXT: bytes in the table's text */
    cell_kind kind;
} rcell;

/* A row to highlight (a missed kpi, a high or critical pain): the column
 * whose value says so, and the values that do.  col < 0: none. */
typedef struct {
    int col;
    const char *const *texts;  /* a text column: any of these (NULL-ended) */
    bool when_false;           /* a boolean column: false */
} highlight;

typedef struct {
    report_kind kind;
    column *cols;              /* the journey columns first in a portfolio */
    unsigned ncols;
    rcell *cells;              /* row after row */
    size_t ncells, cap;
    jy_buf text;               /* the text of every TEXT cell */
    unsigned col;              /* the next cell's column in the current row */
    /* The journey columns: prefixed to every row when set. */
    bool journey_cols;
    jy_str journey_title, journey_path;
    highlight hl;
} rtable;

static inline size_t rtable_rows(const rtable *t)
{
    return t->ncols ? t->ncells / t->ncols : 0;
}

static inline const rcell *rtable_cell(const rtable *t, size_t row, unsigned col)
{
    return &t->cells[row * t->ncols + col];
}

static inline jy_str rtable_text(const rtable *t, const rcell *c)
{
    return jy_str_make(c->len ? t->text.p + c->off : "", c->len);
}

/* ---- report_table.c ------------------------------------------------------ */

void jy_report_table_init(rtable *t, report_kind kind, const column *cols, unsigned ncols, bool journey_cols);
void jy_report_table_free(rtable *t);
/* Cells of the current row, in column order; row_end fills what is left
 * with empty cells.  The journey columns come by themselves. */
void jy_report_cell_text(rtable *t, const char *s, size_t n);
void jy_report_cell_num(rtable *t, cell_kind kind, double v);
void jy_report_cell_empty(rtable *t);
void jy_report_row_end(rtable *t);
/* A cell as CSV, TSV and Markdown show it, before encoding: "-0.40",
 * "true", "2026-11-02".  Returns the text in buf (64 bytes) or the
 * table's text. */
jy_str jy_report_cell_show(const rtable *t, const rcell *c, char *buf);
/* "2026-11-02" for a day since 1970-01-01; buf holds 32 bytes. */
const char *jy_report_format_day(char *buf, int32_t days);
/* Writes the table as CSV, TSV or Markdown; 0, or -1 when the stream failed. */
int jy_report_table_write(FILE *out, const rtable *t, const report_options *o);

/* ---- report_xlsx.c ------------------------------------------------------- */

/* Writes the tables (one sheet each, after an About sheet naming the
 * maps) as one workbook to out.  0; -1 when the stream failed; -2 with
 * err->message set for any other failure. */
int jy_report_xlsx_write(FILE *out, rtable *const *tables, size_t ntables, const jy_report_map *maps, size_t nmaps,
                         const report_options *o, jy_report_error *err);

#endif
