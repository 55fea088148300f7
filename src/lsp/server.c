/* server.c - the language server's loop: lifecycle, dispatch, errors.
 *
 * Design notes
 * - One thread.  Input is read as it comes and every complete message is
 *   queued; then whatever else is already waiting is read too before the
 *   queue is served, so that a $/cancelRequest can reach a request still
 *   queued (answered RequestCancelled) and a flood of changes costs one
 *   compilation: a change only marks the document (and those importing
 *   it) stale, and diagnostics are published once the queue is empty.
 * - The server never dies on a client's mistake: bytes that are not a
 *   message are logged (window/logMessage and the log stream) and
 *   skipped; a body that is not JSON is answered with ParseError; a
 *   message that is not a request, an unknown method, a request before
 *   initialize or after shutdown, missing or wrong parameters all get an
 *   error response.  Memory running out while answering is an
 *   InternalError for that request.
 * - Lifecycle as LSP 3.17 says: requests before `initialize` get
 *   ServerNotInitialized, notifications then are dropped (`exit` aside);
 *   after `shutdown` requests get InvalidRequest; `exit` ends the loop,
 *   status 0 after shutdown, 1 otherwise; so does the end of input.
 * - `initializationOptions`: {"warnings": ["all", "no-unused-team",
 *   "error"...]} as -W takes them, {"includeDirs": [...]} as -I.
 */
#include "lsp.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SERVER_VERSION "0.1.0"

typedef struct {
    lsp_server s;
    lsp_reader rd;
    json_t **queue;            /* messages read, not yet served */
    size_t qhead, qn, qcap;
    bool initialized, shutdown, exited;
    bool watch_files;          /* the client lets the server register file watchers */
    int status;
    FILE *log;
    char **warnings, **includes;
    size_t nwarnings, nincludes;
} server;

static void say(server *S, int type, const char *fmt, ...) JY_PRINTF(3, 4);
static void say(server *S, int type, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (S->log)
        fprintf(S->log, "journey lsp: %s\n", buf);
    lsp_write(S->s.out, json_pack("{s:s,s:s,s:{s:i,s:s}}", "jsonrpc", "2.0", "method", "window/logMessage", "params",
                                  "type", type, "message", buf));
}

static void reply(server *S, json_t *id, json_t *result)
{
    lsp_write(S->s.out, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(), "result", result));
}

static void reply_error(server *S, json_t *id, int code, const char *msg)
{
    lsp_write(S->s.out, json_pack("{s:s,s:O,s:{s:i,s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(), "error",
                                  "code", code, "message", msg));
}

static void notify(server *S, const char *method, json_t *params)
{
    lsp_write(S->s.out, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

/* ---- documents ------------------------------------------------------------- */

/* Marks d stale, and every document that imports it. */
static void touched(server *S, lsp_doc *d)
{
    for (size_t i = 0; i < S->s.docs.n; i++) {
        lsp_doc *o = S->s.docs.docs[i];
        bool dep = o == d;
        for (size_t k = 0; !dep && o->an && k < o->an->ndeps; k++)
            dep = strcmp(o->an->deps[k], d->path) == 0;
        if (dep) {
            lsp_analysis_free(o->an);
            o->an = NULL;
            o->publish = true;
        }
    }
}

static void all_stale(server *S)
{
    for (size_t i = 0; i < S->s.docs.n; i++) {
        lsp_doc *o = S->s.docs.docs[i];
        lsp_analysis_free(o->an);
        o->an = NULL;
        o->publish = true;
    }
}

static void did_open(server *S, json_t *p)
{
    json_t *td = json_object_get(p, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text)) {
        say(S, 1, "didOpen without textDocument.uri and text: ignored");
        return;
    }
    lsp_doc *d = lsp_doc_open(&S->s.docs, uri, json_string_value(text), json_string_length(text),
                              json_integer_value(json_object_get(td, "version")));
    touched(S, d);
}

static void did_change(server *S, json_t *p)
{
    json_t *td = json_object_get(p, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&S->s.docs, uri) : NULL;
    if (!d) {
        say(S, 1, "didChange for a document that is not open: ignored");
        return;
    }
    json_t *changes = json_object_get(p, "contentChanges");
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
        if (!lsp_doc_apply_change(d, c))
            say(S, 1, "didChange with a change that is not one: ignored");
    }
    json_t *v = json_object_get(td, "version");
    if (json_is_integer(v))
        d->version = json_integer_value(v);
    touched(S, d);
}

static void did_close(server *S, json_t *p)
{
    const char *uri = json_string_value(json_object_get(json_object_get(p, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&S->s.docs, uri) : NULL;
    if (!d)
        return;
    touched(S, d);
    notify(S, "textDocument/publishDiagnostics", json_pack("{s:s,s:[]}", "uri", uri, "diagnostics"));
    lsp_analysis_free(d->an);
    d->an = NULL;
    lsp_doc_close(&S->s.docs, d);
}

static void publish_pending(server *S)
{
    for (size_t i = 0; i < S->s.docs.n; i++) {
        lsp_doc *d = S->s.docs.docs[i];
        if (!d->publish)
            continue;
        d->publish = false;
        notify(S, "textDocument/publishDiagnostics", lsp_publish_params(&S->s, d));
    }
}

/* ---- lifecycle ----------------------------------------------------------------- */

static void strings_of(json_t *arr, char ***out, size_t *n)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v))
            continue;
        *out = jy_xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = jy_xstrdup(json_string_value(v));
    }
}

static json_t *initialize(server *S, json_t *p)
{
    json_t *opts = json_object_get(p, "initializationOptions");
    S->watch_files = json_is_true(json_object_get(
        json_object_get(json_object_get(json_object_get(p, "capabilities"), "workspace"), "didChangeWatchedFiles"),
        "dynamicRegistration"));
    strings_of(json_object_get(opts, "warnings"), &S->warnings, &S->nwarnings);
    strings_of(json_object_get(opts, "includeDirs"), &S->includes, &S->nincludes);
    S->s.set.warnings = (const char **)S->warnings;
    S->s.set.nwarnings = S->nwarnings;
    S->s.set.include_dirs = (const char *const *)S->includes;
    S->s.set.ninclude = S->nincludes;
    S->initialized = true;
    json_t *types = json_array();
    for (int k = 0; k < LSP_K_COUNT; k++)
        json_array_append_new(types, json_string(lsp_token_types[k]));
    json_t *r = json_pack(
        "{s:{s:{s:b,s:i},s:b,s:b,s:b,s:b,s:b,s:b,s:{s:[s,s,s,s],s:b},s:{s:b},s:b,s:{s:[s]}},s:{s:s,s:s}}",
        "capabilities", "textDocumentSync", "openClose", 1, "change", 2, "hoverProvider", 1, "definitionProvider", 1,
        "referencesProvider", 1, "documentSymbolProvider", 1, "workspaceSymbolProvider", 1, "foldingRangeProvider", 1,
        "completionProvider", "triggerCharacters", " ", "\"", "/", ",", "resolveProvider", 0, "renameProvider",
        "prepareProvider", 1, "documentFormattingProvider", 1, "codeActionProvider", "codeActionKinds", "quickfix",
        "serverInfo", "name", "journey", "version", SERVER_VERSION);
    /* Positions count UTF-16 code units, the one encoding every client knows. */
    json_object_set_new(json_object_get(r, "capabilities"), "positionEncoding", json_string("utf-16"));
    json_object_set_new(json_object_get(r, "capabilities"), "semanticTokensProvider",
                        json_pack("{s:{s:o,s:[s]},s:b}", "legend", "tokenTypes", types, "tokenModifiers", "declaration",
                                  "full", 1));
    return r;
}

/* ---- dispatch ------------------------------------------------------------------- */

static const struct {
    const char *method;
    lsp_handler fn;
} requests[] = {
    { "textDocument/hover", lsp_hover },
    { "textDocument/definition", lsp_definition },
    { "textDocument/references", lsp_references },
    { "textDocument/documentSymbol", lsp_document_symbol },
    { "workspace/symbol", lsp_workspace_symbol },
    { "textDocument/foldingRange", lsp_folding_range },
    { "textDocument/completion", lsp_completion },
    { "textDocument/prepareRename", lsp_prepare_rename },
    { "textDocument/rename", lsp_rename },
    { "textDocument/formatting", lsp_formatting },
    { "textDocument/codeAction", lsp_code_action },
    { "textDocument/semanticTokens/full", lsp_semantic_tokens },
};

static void request(server *S, const char *method, json_t *id, json_t *params)
{
    if (strcmp(method, "initialize") == 0) {
        if (S->initialized)
            reply_error(S, id, LSP_INVALID_REQUEST, "initialize was already received");
        else
            reply(S, id, initialize(S, params));
        return;
    }
    if (!S->initialized) {
        reply_error(S, id, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
        return;
    }
    if (S->shutdown) {
        reply_error(S, id, LSP_INVALID_REQUEST, "the server is shut down: only exit is expected");
        return;
    }
    if (strcmp(method, "shutdown") == 0) {
        S->shutdown = true;
        reply(S, id, json_null());
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++) {
        if (strcmp(requests[i].method, method) != 0)
            continue;
        int code = LSP_INTERNAL_ERROR;
        const char *msg = "internal error";
        json_t *r = requests[i].fn(&S->s, params, &code, &msg);
        if (r)
            reply(S, id, r);
        else
            reply_error(S, id, code, msg);
        return;
    }
    reply_error(S, id, LSP_METHOD_NOT_FOUND, "unknown method");
}

static void notification(server *S, const char *method, json_t *params)
{
    if (strcmp(method, "exit") == 0) {
        S->exited = true;
        S->status = S->shutdown ? 0 : 1;
        return;
    }
    if (!S->initialized || S->shutdown)
        return;
    if (strcmp(method, "initialized") == 0 && S->watch_files) {
        /* Libraries change on disk too: ask to hear of every map's change
           (the answer, a response, needs nothing done). */
        lsp_write(S->s.out, json_pack("{s:s,s:s,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s}]}}]}}", "jsonrpc", "2.0", "id",
                                      "journey-watch", "method", "client/registerCapability", "params",
                                      "registrations", "id", "journey-watch", "method",
                                      "workspace/didChangeWatchedFiles", "registerOptions", "watchers",
                                      "globPattern", "**/*.journey"));
    } else if (strcmp(method, "textDocument/didOpen") == 0)
        did_open(S, params);
    else if (strcmp(method, "textDocument/didChange") == 0)
        did_change(S, params);
    else if (strcmp(method, "textDocument/didClose") == 0)
        did_close(S, params);
    else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0)
        all_stale(S);
    /* $/cancelRequest (handled when queued), didSave, $/...: nothing to do */
}

static void serve_one(server *S, json_t *m)
{
    json_t *id = json_object_get(m, "id");
    json_t *method = json_object_get(m, "method");
    if (!json_is_object(m)) {
        reply_error(S, NULL, LSP_INVALID_REQUEST, "a message must be a JSON object");
        return;
    }
    if (id && !json_is_integer(id) && !json_is_string(id) && !json_is_null(id)) {
        reply_error(S, NULL, LSP_INVALID_REQUEST, "a request id must be a number or a string");
        return;
    }
    if (!json_is_string(method)) {
        if (id && !json_object_get(m, "result") && !json_object_get(m, "error"))
            reply_error(S, id, LSP_INVALID_REQUEST, "a request needs a method");
        return;   /* a response: the server sends no requests */
    }
    json_t *params = json_object_get(m, "params");
    if (params && !json_is_object(params) && !json_is_array(params)) {
        if (id)
            reply_error(S, id, LSP_INVALID_PARAMS, "params must be an object or an array");
        return;
    }
    if (json_object_get(m, "\001cancelled")) {
        reply_error(S, id, LSP_REQUEST_CANCELLED, "cancelled");
        return;
    }
    jy_guard g;
    jy_guard_enter(&g);
    if (setjmp(g.env)) {
        if (id)
            reply_error(S, id, LSP_INTERNAL_ERROR, "out of memory");
        return;
    }
    if (id)
        request(S, json_string_value(method), id, params);
    else
        notification(S, json_string_value(method), params);
    jy_guard_leave(&g);
}

/* ---- the queue --------------------------------------------------------------- */

static bool same_id(json_t *a, json_t *b)
{
    return a && b && json_equal(a, b);
}

static void enqueue(server *S, json_t *m)
{
    /* A cancel marks the request if it is still waiting. */
    if (json_is_object(m) && json_is_string(json_object_get(m, "method")) &&
        strcmp(json_string_value(json_object_get(m, "method")), "$/cancelRequest") == 0) {
        json_t *id = json_object_get(json_object_get(m, "params"), "id");
        for (size_t i = S->qhead; i < S->qn; i++)
            if (same_id(json_object_get(S->queue[i], "id"), id) && json_object_get(S->queue[i], "method"))
                json_object_set_new(S->queue[i], "\001cancelled", json_true());
        json_decref(m);
        return;
    }
    if (S->qhead == S->qn)
        S->qhead = S->qn = 0;
    VEC_PUSH(S->queue, S->qn, S->qcap, m);
}

/* Takes every complete message out of the reader into the queue. */
static void take_messages(server *S)
{
    for (;;) {
        json_t *m;
        char err[256];
        bool parse_error;
        lsp_read_result r = lsp_reader_next(&S->rd, &m, err, sizeof err, &parse_error);
        if (r == LSP_READ_MORE)
            return;
        if (r == LSP_READ_MESSAGE) {
            enqueue(S, m);
        } else if (parse_error) {
            if (S->log)
                fprintf(S->log, "journey lsp: %s\n", err);
            reply_error(S, NULL, LSP_PARSE_ERROR, err);
        } else {
            say(S, 1, "%s", err);
        }
    }
}

static void serve_queue(server *S)
{
    while (S->qhead < S->qn && !S->exited) {
        json_t *m = S->queue[S->qhead++];
        serve_one(S, m);
        json_decref(m);
    }
    if (!S->exited)
        publish_pending(S);
}

static void server_init(server *S, int out, FILE *log)
{
    memset(S, 0, sizeof *S);
    S->s.out = out;
    S->s.set.docs = &S->s.docs;
    S->log = log;
    S->status = 1;
    lsp_reader_init(&S->rd);
}

static void server_free(server *S)
{
    for (size_t i = S->qhead; i < S->qn; i++)
        json_decref(S->queue[i]);
    free(S->queue);
    lsp_reader_free(&S->rd);
    for (size_t i = 0; i < S->s.docs.n; i++) {
        lsp_analysis_free(S->s.docs.docs[i]->an);
        S->s.docs.docs[i]->an = NULL;
    }
    lsp_docs_free(&S->s.docs);
    for (size_t i = 0; i < S->nwarnings; i++)
        free(S->warnings[i]);
    for (size_t i = 0; i < S->nincludes; i++)
        free(S->includes[i]);
    free(S->warnings);
    free(S->includes);
}

int lsp_serve(int in, int out, FILE *log)
{
    server S;
    server_init(&S, out, log);
    char *buf = jy_xmalloc(1 << 16);
    bool eof = false;
    while (!S.exited && !eof) {
        /* Read what has come, and whatever else is already waiting. */
        bool first = true;
        for (;;) {
            if (!first) {
                struct pollfd pf = { in, POLLIN, 0 };
                if (poll(&pf, 1, 0) <= 0 || !(pf.revents & (POLLIN | POLLHUP)))
                    break;
            }
            ssize_t n = read(in, buf, 1 << 16);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                eof = true;
                break;
            }
            lsp_reader_feed(&S.rd, buf, (size_t)n);
            take_messages(&S);
            first = false;
            if (S.qn - S.qhead > 100000)
                break;
        }
        serve_queue(&S);
    }
    free(buf);
    int status = S.status;
    server_free(&S);
    return status;
}

void lsp_fuzz_one(const char *data, size_t n, int out)
{
    server S;
    server_init(&S, out, NULL);
    lsp_reader_feed(&S.rd, data, n);
    take_messages(&S);
    serve_queue(&S);
    server_free(&S);
}
