/* journey/sources.h - the source texts of a compilation, and locations in
 * them.  Locations are byte offsets; lines and columns are computed only
 * when something asks, from a table of line starts built on first use. */
#ifndef JOURNEY_SOURCES_H
#define JOURNEY_SOURCES_H

#include "journey/core.h"

/* A range of source text as byte offsets [off, end) into one source.
 * Lines and columns are computed only when a diagnostic is printed:
 * lines and columns start at 1, columns count characters (a tab is one,
 * each byte of an invalid UTF-8 sequence is one). */
typedef struct {
    uint32_t file;             /* index in the engine's source table */
    uint32_t off, end;
} jy_loc;

typedef struct {
    uint32_t line, col;
} jy_pos;

typedef struct {
    char *name;                /* as given on the command line or in import */
    char *text;                /* whole file, 2 NULs after len */
    size_t len;
    uint32_t *line_starts;     /* built on demand for quoting */
    uint32_t nlines;
} jy_source;

/* The source texts of a compilation, indexed by jy_loc.file.  The table
 * owns each name (copied) and text (taken: malloc'd, two NULs after len).
 * Lines and positions are computed on first use and kept, also through a
 * const table. */
typedef struct jy_sources jy_sources;
jy_sources *jy_sources_new(void);
void jy_sources_free(jy_sources *s);
uint32_t jy_sources_add(jy_sources *s, const char *name, char *text, size_t len);
const jy_source *jy_sources_get(const jy_sources *s, uint32_t file);
size_t jy_sources_count(const jy_sources *s);
/* The text itself, writable: the scanner works in place on it. */
char *jy_sources_text(jy_sources *s, uint32_t file);
/* The text of source line `line` of file (without its line end). */
jy_str jy_sources_line(const jy_sources *s, uint32_t file, uint32_t line);
/* Line and column of a byte offset. */
jy_pos jy_sources_position(const jy_sources *s, uint32_t file, uint32_t off);

#endif
