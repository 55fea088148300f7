/* journey/diff.h - what changed between two versions of a map.
 *
 * The diff reads two checked models (never the text): stages and steps
 * are matched by id (derived ids included), declarations by id, and every
 * difference in what the maps say is listed once, grouped by stage, in the
 * new map's order.  docs/diff.md lists every kind of change and the JSON
 * shape.  Differences in layout, comments, the spelling of strings and
 * numbers, and source locations are not differences: a map and its
 * `journey fmt` output have no diff.
 */
#ifndef JOURNEY_DIFF_H
#define JOURNEY_DIFF_H

#include "journey/model.h"

typedef enum { DIFF_TEXT, DIFF_JSON, DIFF_MARKDOWN } diff_format;

/* "text", "json" or "markdown" (also "md"); false for anything else. */
bool jy_diff_format_parse(const char *name, diff_format *out);

/* The version of the JSON shape, written as "version". */
#define DIFF_JSON_VERSION 2

/* The schema of that shape, written as "schema": docs/diff.schema.json has
 * it as its "$id". */
#define JY_DIFF_JSON_SCHEMA "urn:journey:diff:v2"

typedef struct diff_result diff_result;

/* Compares two models.  The result points into both: free it before
 * them. */
diff_result *jy_diff_models(const jy_model *old_map, const jy_model *new_map);
/* The number of changes; 0 when the maps say the same. */
size_t jy_diff_count(const diff_result *r);
void jy_diff_free(diff_result *r);

typedef struct {
    diff_format format;
    bool color;                /* text: ANSI colours */
    const char *old_name;      /* the two maps, as named on the command line */
    const char *new_name;
} diff_options;

/* Writes the changes.  Text and Markdown write nothing when there is no
 * change; JSON always writes a document.  Returns 0, or -1 when the stream
 * reports an error. */
int jy_diff_write(FILE *out, const diff_result *r, const diff_options *o);

#endif
