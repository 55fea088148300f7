/* lsp.h - the language server (journey lsp): its pieces, shared among
 * the files of src/lsp/.  Not part of the library: only the command links
 * it.
 *
 *   rpc.c       Content-Length framing and JSON (Jansson): reading
 *               messages from bytes, writing them
 *   docs.c      the open documents, URIs and paths, positions (LSP counts
 *               UTF-16 code units, the engine bytes)
 *   analysis.c  one compilation per open document, and what it holds:
 *               every declaration and reference with its place
 *   features.c  diagnostics, hover, navigation (definition, references,
 *               symbols, folding), semantic tokens
 *   edit.c      completion, rename, formatting, code actions
 *   server.c    the loop: lifecycle, dispatch, cancellation, errors
 */
#ifndef JOURNEY_LSP_H
#define JOURNEY_LSP_H

#include "journey/check.h"
#include "journey/codes.h"

#include <jansson.h>

/* ---- rpc.c ----------------------------------------------------------------- */

/* The most a message may hold: larger ones are skipped whole (and said). */
#define LSP_MAX_MESSAGE ((size_t)64 << 20)

/* Bytes in, messages out.  Feed it what arrives; take messages with
 * lsp_reader_next until it needs more. */
typedef struct {
    char *buf;
    size_t len, cap, pos;
    size_t skip;               /* body bytes still to discard (too large) */
} lsp_reader;

typedef enum {
    LSP_READ_MORE,             /* nothing complete yet */
    LSP_READ_MESSAGE,          /* *msg is a JSON value (the caller's) */
    LSP_READ_ERROR             /* *err says what was wrong (static or in errbuf);
                                  the bad message is consumed */
} lsp_read_result;

void lsp_reader_init(lsp_reader *r);
void lsp_reader_free(lsp_reader *r);
void lsp_reader_feed(lsp_reader *r, const char *data, size_t n);
lsp_read_result lsp_reader_next(lsp_reader *r, json_t **msg, char *errbuf, size_t errlen, bool *parse_error);

/* Writes msg with its header to fd (taking the reference).  false: the
 * write failed. */
bool lsp_write(int fd, json_t *msg);

/* ---- docs.c ---------------------------------------------------------------- */

typedef struct lsp_analysis lsp_analysis;

typedef struct {
    char *uri;
    char *path;                /* the file the URI names, normalised; or the URI
                                  itself when it is not a file: URI */
    char *text;                /* as the client holds it, BOM removed */
    size_t len;
    bool bom;                  /* the client's text starts with one */
    int64_t version;
    uint32_t *lines;           /* byte offset of each line's start */
    uint32_t nlines;
    lsp_analysis *an;          /* NULL: not analysed since the last change */
    bool publish;              /* diagnostics to send */
} lsp_doc;

typedef struct {
    lsp_doc **docs;
    size_t n, cap;
} lsp_docs;

lsp_doc *lsp_doc_find(lsp_docs *s, const char *uri);
lsp_doc *lsp_doc_find_path(lsp_docs *s, const char *path);
lsp_doc *lsp_doc_open(lsp_docs *s, const char *uri, const char *text, size_t len, int64_t version);
void lsp_doc_set_text(lsp_doc *d, const char *text, size_t len);
/* Closing or freeing documents leaves their analyses (d->an) alone: the
 * caller frees those first (lsp_analysis_free). */
void lsp_doc_close(lsp_docs *s, lsp_doc *d);
void lsp_docs_free(lsp_docs *s);

/* URIs and paths: file:///a%20b <-> /a b.  NULL for what cannot be one. */
char *lsp_uri_to_path(const char *uri);
char *lsp_path_to_uri(const char *path);
/* "." and ".." resolved and repeated slashes removed (lexically). */
char *lsp_normalize_path(const char *path);

/* Positions.  A text's line starts; byte offset <-> line and UTF-16
 * character.  Out-of-range positions are clamped: a line past the end is
 * the end of the text, a character past a line's end is the line's end. */
uint32_t *lsp_line_starts(const char *text, size_t len, uint32_t *nlines);
void lsp_offset_to_pos(const char *text, size_t len, const uint32_t *lines, uint32_t nlines, size_t off,
                       uint32_t *line, uint32_t *character);
size_t lsp_pos_to_offset(const char *text, size_t len, const uint32_t *lines, uint32_t nlines, int64_t line,
                         int64_t character);
/* An LSP position/range object for a doc's byte offsets. */
json_t *lsp_doc_position(const lsp_doc *d, size_t off);
json_t *lsp_doc_range(const lsp_doc *d, size_t off, size_t end);
/* The byte offset of an LSP position object in d (clamped); false when
 * pos is not a position. */
bool lsp_doc_offset(const lsp_doc *d, const json_t *pos, size_t *off);
/* Applies one contentChanges entry (whole text, or a range); false when
 * it is not one. */
bool lsp_doc_apply_change(lsp_doc *d, const json_t *change);

/* ---- analysis.c ------------------------------------------------------------ */

/* Kinds of names a map declares and refers to.  An item is a thought,
 * pain or opportunity with an id (one namespace); `solves` names pains. */
typedef enum {
    LSP_K_PERSONA, LSP_K_CHANNEL, LSP_K_TEAM, LSP_K_KPI, LSP_K_STAGE, LSP_K_STEP, LSP_K_ITEM, LSP_K_COUNT
} lsp_kind;

/* One occurrence of a name: its declaration or a reference to it. */
typedef struct {
    jy_str id;
    uint32_t file;             /* source index in the analysis' engine */
    uint32_t off, end;         /* the id as written (bytes) */
    uint8_t kind;              /* lsp_kind */
    bool decl;
    bool derived;              /* a stage or step without a written id (off..end: its title) */
    const jy_node *node;       /* the declaring statement (decl), or the referring one */
} lsp_occ;

struct lsp_analysis {
    jy_diags *diags;
    jy_compilation *comp;
    uint32_t root;             /* the document's source index */
    lsp_occ *occ;
    size_t nocc, occap;
    char **deps;               /* normalised paths of the files it imports */
    size_t ndeps, depcap;
    bool too_large;
};

typedef struct {
    const char **warnings;     /* -W settings, in order */
    size_t nwarnings;
    const char *const *include_dirs;
    size_t ninclude;
    lsp_docs *docs;            /* the overlay: open documents */
} lsp_settings;

lsp_analysis *lsp_analyze(const lsp_settings *set, lsp_doc *d);
void lsp_analysis_free(lsp_analysis *a);
/* The source (name, text) of a file of an analysis. */
const jy_source *lsp_an_source(const lsp_analysis *a, uint32_t file);
/* The occurrence at byte offset off of the root file, or NULL. */
const lsp_occ *lsp_occ_at(const lsp_analysis *a, size_t off);
/* The declaration of (kind, id) in the analysis, or NULL. */
const lsp_occ *lsp_decl_of(const lsp_analysis *a, int kind, jy_str id);
/* The declaration occurrence o names (o itself if it declares), or NULL
 * where o is NULL or its name is not declared. */
const lsp_occ *lsp_occ_decl(const lsp_analysis *a, const lsp_occ *o);
/* The innermost statement of the root file at off, or NULL. */
const jy_node *lsp_node_at(const lsp_analysis *a, size_t off);
const char *lsp_kind_name(int kind);

/* ---- features.c ------------------------------------------------------------ */

typedef struct {
    lsp_settings set;
    lsp_docs docs;
    int out;                   /* file descriptor replies go to */
} lsp_server;

/* Each returns the result (a new reference; json_null() for none), or NULL
 * with *code and *msg set for an error response. */
typedef json_t *(*lsp_handler)(lsp_server *s, json_t *params, int *code, const char **msg);

json_t *lsp_publish_params(lsp_server *s, lsp_doc *d);
/* A range in file `file` of analysis a, and its URI. */
json_t *lsp_file_range(lsp_server *s, const lsp_analysis *a, uint32_t file, size_t off, size_t end);
char *lsp_file_uri(const lsp_analysis *a, uint32_t file);
/* Calls fn once for each place the name declared by decl (found in the
 * analysis of origin) occurs: in every open document and the files they
 * import, wherever the name resolves to the same declaration. */
typedef void (*lsp_occ_fn)(lsp_server *s, const lsp_analysis *a, const lsp_occ *o, void *ctx);
void lsp_each_occurrence(lsp_server *s, lsp_doc *origin, const lsp_occ *decl, bool with_decl, lsp_occ_fn fn,
                         void *ctx);
lsp_analysis *lsp_doc_analysis(lsp_server *s, lsp_doc *d);
json_t *lsp_hover(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_definition(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_references(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_document_symbol(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_workspace_symbol(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_folding_range(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_completion(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_prepare_rename(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_rename(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_formatting(lsp_server *s, json_t *params, int *code, const char **msg);
json_t *lsp_code_action(lsp_server *s, json_t *params, int *code, const char **msg);
/* Semantic tokens: every id of the document, its type its kind (in the
 * order of lsp_token_types), modifier "declaration" on declarations. */
json_t *lsp_semantic_tokens(lsp_server *s, json_t *params, int *code, const char **msg);
extern const char *const lsp_token_types[LSP_K_COUNT];

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
    LSP_REQUEST_CANCELLED = -32800
};

/* ---- server.c -------------------------------------------------------------- */

/* Serves on in and out until exit or the end of input; returns the exit
 * status (0 after shutdown then exit, 1 otherwise, as LSP says).  log
 * receives what is said about bad input (NULL: nowhere). */
int lsp_serve(int in, int out, FILE *log);

/* One round for the fuzz target: feeds data to a fresh server writing to
 * out, as if it had arrived on the input. */
void lsp_fuzz_one(const char *data, size_t n, int out);

#endif
