/* journey/diag.h - diagnostics.
 *
 * Sources and locations are journey/sources.h: a table of their own, what
 * a location points into.  The engine owns one, but reading positions
 * needs only the table (an export writes line and column without an
 * engine).
 * One engine serves the scanner, the parser and the checker.  Producers
 * only record diagnostics (a severity, a code from a catalog, a location,
 * a message and any notes); the command line decides how to print them:
 * GCC-style text with the quoted source line and carets, JSON lines,
 * SARIF 2.1.0 or GitHub Actions workflow commands.
 *
 * The engine knows nothing about the language: the catalog of codes
 * (error kinds and warning names) is supplied by whoever creates it.
 */
#ifndef JOURNEY_DIAG_H
#define JOURNEY_DIAG_H

#include "journey/sources.h"

typedef enum { JY_SEV_NOTE, JY_SEV_WARNING, JY_SEV_ERROR } jy_severity;

typedef struct {
    const char *name;          /* "unknown-channel", "unused-persona" */
    bool is_warning;
    bool default_on;           /* warnings only */
    const char *summary;       /* one line, for SARIF rules and help */
    /* Its documentation, for SARIF rules; NULL when there is none. */
    const char *description;   /* plain text: what causes it */
    const char *help_text;     /* plain text: that and examples */
    const char *help_markdown; /* the same in Markdown */
    const char *help_uri;      /* where it is documented (an absolute URI) */
} jy_diag_code;

typedef struct {
    jy_loc loc;
    bool has_loc;
    char *msg;
} jy_note;

/* A diagnostic as the engine hands it back to its producer: a number, not a
 * pointer, so that it stays valid however many more are reported (and
 * after they are sorted).  0: none (the diagnostic was suppressed). */
typedef uint32_t jy_diag_id;

typedef struct {
    jy_diag_id id;
    jy_severity sev;
    unsigned code;             /* index into the catalog */
    bool promoted;             /* a warning made an error by -W error */
    jy_loc loc;
    bool has_loc;
    char *msg;
    jy_note *notes;
    size_t nnotes;
} jy_diag;

typedef enum { JY_DFMT_TEXT, JY_DFMT_JSON, JY_DFMT_SARIF, JY_DFMT_GITHUB } jy_diag_format;

typedef struct jy_diags jy_diags;

jy_diags *jy_diags_create(const jy_diag_code *catalog, size_t ncodes);
void jy_diags_free(jy_diags *d);

/* The engine's table of sources (it owns it): what a jy_loc's file
 * indexes.  Whoever reads files adds them here; whoever turns offsets into
 * lines reads it, and needs no engine for that. */
jy_sources *jy_diags_sources(const jy_diags *d);

/* Warning controls.  Returns false for an unknown warning name. */
bool jy_diags_set_warning(jy_diags *d, const char *name, bool on);
void jy_diags_set_all_warnings(jy_diags *d, bool on);
void jy_diags_set_werror(jy_diags *d, bool on);
bool jy_diags_warning_enabled(const jy_diags *d, unsigned code);
void jy_diags_set_max_errors(jy_diags *d, unsigned max);   /* 0: no limit */
int jy_diags_code_index(const jy_diags *d, const char *name);

/* Reporting.  jy_diag_report returns the new diagnostic's id (0 when it was
 * suppressed: a disabled warning, or past the error limit), so that notes
 * can be attached with jy_diag_note, now or later; a note to id 0 is
 * dropped. */
jy_diag_id jy_diag_report(jy_diags *d, unsigned code, const jy_loc *loc, const char *fmt, ...) JY_PRINTF(4, 5);
void jy_diag_note(jy_diags *d, jy_diag_id to, const jy_loc *loc, const char *fmt, ...) JY_PRINTF(4, 5);

/* Orders the diagnostics not yet printed by file and position, keeping
 * the order of discovery among those at one place. */
void jy_diags_sort(jy_diags *d);

/* Drops the diagnostics recorded after the first n (none of them printed
 * yet), and what they counted: the error limit applies afresh. */
void jy_diags_truncate(jy_diags *d, size_t n);

unsigned jy_diags_error_count(const jy_diags *d);
unsigned jy_diags_warning_count(const jy_diags *d);
/* True once the error limit is reached: producers should stop early. */
bool jy_diags_should_stop(const jy_diags *d);
size_t jy_diags_count(const jy_diags *d);
const jy_diag *jy_diags_get(const jy_diags *d, size_t i);


/* Output.  Text: colour escapes when color is true.  Diagnostics recorded
 * since the last call are printed (SARIF and the final text summary are
 * written by diags_finish, after all files). */
void jy_diags_print(jy_diags *d, FILE *out, jy_diag_format fmt, bool color);

/* Writes a whole SARIF log with every diagnostic of every engine given. */
void jy_diags_write_sarif(jy_diags *const *engines, size_t n, FILE *out, const char *tool_version);

/* What a SARIF log says about the run beside its results: the tool's
 * version and the files that could not be read (each a path and why),
 * which make the run's invocation unsuccessful and become notifications
 * of the tool's execution. */
typedef struct {
    const char *tool_version;
    const char *const *failed_paths;
    const char *const *failure_messages;
    size_t nfailures;
} jy_sarif_run;
void jy_diags_write_sarif_run(jy_diags *const *engines, size_t n, FILE *out, const jy_sarif_run *run);

/* Appends s[0..n) to b with every character that could disturb a
 * terminal or a log shown as an escape: \n \r \t, \x1b for other
 * controls and bytes that are not UTF-8, \u{202E} for C1 controls,
 * characters that reorder text and noncharacters.  What the text format
 * does to every user-supplied string; for other messages that echo one. */
void jy_diags_escape(jy_buf *b, const char *s, size_t n);

#endif
