/* journey/report.h - tables about checked maps: CSV, TSV, Markdown or an
 * XLSX workbook.
 *
 * Each report kind is one table with a header row; docs/reports.md lists
 * every column.  A report is made once, as a table of typed cells, and
 * each format writes that table: a sheet of the workbook holds what the
 * CSV of the same kind holds.  Several maps make one table (a portfolio),
 * each row led by the journey it comes from.  Reports read only the
 * checked model and write to the stream they are given; they never print
 * anything else.
 */
#ifndef JOURNEY_REPORT_H
#define JOURNEY_REPORT_H

#include "journey/model.h"

typedef enum {
    REPORT_STEPS,              /* one row per step and persona */
    REPORT_PAINS,              /* one row per pain */
    REPORT_OPPORTUNITIES,      /* one row per opportunity, by priority */
    REPORT_TOUCHPOINTS,        /* one row per channel or free-text touchpoint */
    REPORT_PERSONAS,           /* one row per persona */
    REPORT_METRICS,            /* one row per metric statement */
    REPORT_SUMMARY,            /* the analysis, one row per finding */
    REPORT_STAGES,             /* one row per stage and persona */
    REPORT_OWNERS,             /* one row per team */
    REPORT_STEP_OWNERS,        /* one row per step and owning team */
    REPORT_NKINDS
} report_kind;

typedef enum { REPORT_CSV, REPORT_TSV, REPORT_MARKDOWN, REPORT_XLSX } report_format;

typedef struct {
    report_kind kind;          /* the table (the workbook's one sheet unless all) */
    report_format format;
    bool raw;                  /* CSV/TSV: no guard against spreadsheet formulas */
    bool bom;                  /* CSV/TSV: start with a UTF-8 byte order mark */
    /* Fields since the workbook, after the first four so that a program
     * that sets those in order still builds and means the same. */
    bool all;                  /* every kind: only a workbook holds them */
    bool portfolio;            /* the journey columns even for one map (always
                                  with several) */
    const char *tag;           /* NULL, or only the steps and items with this tag */
    const char *persona;       /* NULL, or only this persona's view (an id every
                                  map declares: jy_report_persona_check) */
    int32_t today;             /* days since 1970-01-01: overdue reviews, the
                                  workbook's date */
    const char *version;       /* the workbook's About sheet: "journey VERSION" */
} report_options;

/* One map of a report: its checked model (a journey, not a library) and
 * the path to show for it. */
typedef struct {
    const jy_model *model;
    const char *path;
} jy_report_map;

/* Why a workbook could not be written, for the caller to say. */
typedef struct {
    char message[256];
} jy_report_error;

/* "steps", "pains", ...; NULL for an invalid kind. */
const char *jy_report_kind_name(report_kind kind);
/* Looks a kind or a format up by its name; false if there is none. */
bool jy_report_kind_parse(const char *name, report_kind *out);
bool jy_report_format_parse(const char *name, report_format *out);
/* The format an output file's extension names (".csv", ".tsv", ".md",
 * ".markdown", ".xlsx"): 1 found, 0 no extension, -1 an extension no
 * format writes. */
int jy_report_format_of_path(const char *path, report_format *out);
/* Whether the build writes XLSX (libxlsxwriter). */
bool jy_report_has_xlsx(void);
/* Whether m declares the persona id: a report's --persona. */
bool jy_report_persona_check(const jy_model *m, const char *id);

/* Writes the report of one map: the table of opts->kind, or the workbook.
 * Returns 0, -1 when the stream reports an error, -2 when the report
 * cannot be made (a workbook's failure; opts->all without a workbook). */
int jy_report_write(FILE *out, const jy_model *m, const report_options *opts);
/* The same over n maps (a portfolio: the journey columns lead every row,
 * and the summary ranks the journeys); on -2, err (which may be NULL)
 * says why. */
int jy_report_write_maps(FILE *out, const jy_report_map *maps, size_t n, const report_options *opts,
                         jy_report_error *err);

#endif
