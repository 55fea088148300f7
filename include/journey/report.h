/* journey/report.h - tables about a checked map: CSV, TSV or Markdown.
 *
 * Each report kind is one table with a header row; docs/reports.md lists
 * every column.  Reports read only the checked model and write to the
 * stream they are given; they never print anything else.
 */
#ifndef JOURNEY_REPORT_H
#define JOURNEY_REPORT_H

#include "journey/model.h"

typedef enum {
    REPORT_STEPS,              /* one row per step and persona */
    REPORT_PAINS,              /* one row per pain */
    REPORT_TOUCHPOINTS,        /* one row per channel or free-text touchpoint */
    REPORT_PERSONAS,           /* one row per persona */
    REPORT_METRICS,            /* one row per metric statement */
    REPORT_SUMMARY,            /* the analysis, one row per finding */
    REPORT_NKINDS
} report_kind;

typedef enum { REPORT_CSV, REPORT_TSV, REPORT_MARKDOWN } report_format;

typedef struct {
    report_kind kind;
    report_format format;
    bool raw;                  /* CSV/TSV: no guard against spreadsheet formulas */
    bool bom;                  /* CSV/TSV: start with a UTF-8 byte order mark */
} report_options;

/* "steps", "pains", ...; NULL for an invalid kind. */
const char *jy_report_kind_name(report_kind kind);
/* Looks a kind or a format up by its name; false if there is none. */
bool jy_report_kind_parse(const char *name, report_kind *out);
bool jy_report_format_parse(const char *name, report_format *out);

/* Writes the report.  Returns 0, or -1 when the stream reports an error. */
int jy_report_write(FILE *out, const jy_model *m, const report_options *opts);

#endif
