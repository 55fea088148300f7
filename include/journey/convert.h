/* journey/convert.h - other formats of journey maps, written as .journey text.
 *
 * Mermaid's `journey` diagrams (docs/convert.md gives the mapping): the
 * title becomes the journey's title, sections stages, tasks steps, actors
 * personas (with ids derived from their names as the language derives
 * ids), scores emotions on `scale 1..5`, and `%%` comments `#` comments.
 * The reader is hand-written after Mermaid's documented syntax; what it
 * cannot read is an error at its place, through a diagnostics engine with
 * the converter's own codes.
 */
#ifndef JOURNEY_CONVERT_H
#define JOURNEY_CONVERT_H

#include "journey/ast.h"
#include "journey/diag.h"

/* The converter's diagnostic codes. */
enum { JY_CONVERT_C_MERMAID_SYNTAX, JY_CONVERT_C_COUNT };
extern const jy_diag_code jy_convert_codes[JY_CONVERT_C_COUNT];

/* A diagnostics engine with the converter's codes. */
jy_diags *jy_convert_diags_new(void);

typedef enum {
    JY_CONVERT_OK,
    JY_CONVERT_ERRORS,         /* reported in the engine; out holds nothing */
    JY_CONVERT_NO_MEMORY
} jy_convert_status;

/* Reads the Mermaid text of source `file` of d's table and appends the
 * .journey text it says to out.  default_title is the journey's title
 * when the diagram has neither a title nor an accTitle. */
jy_convert_status jy_convert_mermaid(jy_diags *d, uint32_t file, const char *default_title, jy_buf *out);

#endif
