/* journey/export.h - the checked model as JSON, or as a Mermaid diagram.
 *
 * JSON: the whole model (docs/journey.schema.json), keys in a fixed order,
 * with every statement's source location.  Mermaid: a `journey` diagram
 * (docs/export.md gives the mapping).  Both read only the checked model and
 * write to the stream they are given.
 */
#ifndef JOURNEY_EXPORT_H
#define JOURNEY_EXPORT_H

#include "journey/model.h"

typedef enum { EXPORT_JSON, EXPORT_MERMAID } export_format;

/* "json" or "mermaid" (also "mmd"); false for anything else. */
bool jy_export_format_parse(const char *name, export_format *out);

/* The version of the JSON shape, written as "version"; it changes only
 * when a key is removed or its meaning changes. */
#define EXPORT_JSON_VERSION 2

/* The schema an export follows, written as "schema": docs/journey.schema.json
 * has it as its "$id".  It names the version too. */
#define JY_EXPORT_JSON_SCHEMA "urn:journey:export:v2"

/* Writes the model as JSON.  `sources` holds the compilation's sources
 * (jy_diags_sources of its engine): locations are written as file, line and
 * column.  Returns 0, or -1 when the stream reports an error. */
int jy_export_json(FILE *out, const jy_model *m, const jy_sources *sources);

/* Writes a Mermaid `journey` diagram of a journey (not of a library: the
 * caller checks m->has_journey).  Returns 0, or -1 on a stream error. */
int jy_export_mermaid(FILE *out, const jy_model *m);

/* A score of the map's scale mapped linearly onto Mermaid's 1..5, written
 * as an integer when it is one, else with 2 decimals; buf holds 16 bytes. */
const char *jy_export_mermaid_score(char *buf, const jy_model *m, int score);

#endif
