/* files.c - the files a map names besides its imports: images and the
 * baseline.
 *
 * Design notes
 * - Both are found as imports are (jy_front_find: beside the file that
 *   names them, then each -I directory; --import-root confines them), and
 *   the model keeps the path as written and as found.  The path found is
 *   never made absolute, so outputs that show it stay the same from one
 *   machine to the next.
 * - Images are never opened: `check` only looks at their name (PNG, JPEG
 *   or SVG, told by the extension), stat(2)s them and asks access(2)
 *   whether they could be read, so a FIFO or /dev/zero is an error, not a
 *   hang.  Only `render` reads an image.
 * - The baseline is a whole second compilation in the same arena and
 *   engine: read (a regular file only), parsed with its imports, checked,
 *   its images found.  Its diagnostics are the baseline's business, not
 *   the map's: they are taken out of the engine (jy_diags_truncate) and
 *   its errors become one error at the map's `baseline` string, the first
 *   few as notes at their places in the baseline.  Its warnings are
 *   dropped (checking the baseline itself shows them); a warning that
 *   -W error promotes is not one of its errors.  As for imports, a file
 *   whose name does not end in .journey and that is not journey text is
 *   refused without quoting any of it.  The baseline's own baseline is
 *   not loaded: maps are compared a pair at a time.
 * - baseline-state: the baseline should be a current (as-is) map, and the
 *   map that names it a future (to-be) one.
 */
#include "files.h"
#include "journey/codes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Baseline errors shown as notes; the others are counted. */
#define BASELINE_NOTES 5

typedef struct {
    jy_compilation *c;
    jy_diags *d;
    const jy_compile_options *o;
    int32_t today;
} files_ctx;

static const char *source_name(const files_ctx *x, jy_loc loc)
{
    const jy_source *s = jy_sources_get(jy_diags_sources(x->d), loc.file);
    return s ? s->name : "";
}

static jy_str arena_str(jy_arena *a, const char *s)
{
    size_t n = strlen(s);
    return jy_str_make(jy_arena_strndup(a, s, n), n);
}

static const char *reason(int err, char buf[128])
{
    snprintf(buf, 128, "%s", strerror(err));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* Finds the file r names; reports why not, with code for a file that is
 * not there.  what: "image" or "baseline".  Returns the path found
 * (malloc'd), or NULL. */
static char *find_ref(files_ctx *x, const jy_file_ref *r, unsigned code, const char *what)
{
    if (r->path.n == 0 || memchr(r->path.s, '\0', r->path.n)) {
        jy_diag_report(x->d, code, &r->loc, "%s needs a file name", code == JY_C_IMAGE_MISSING ? "an image" : "a baseline");
        return NULL;
    }
    const jy_compile_options *o = x->o;
    const char *from = source_name(x, r->loc);
    char *found = NULL;
    int err = 0;
    jy_find_status st = jy_front_find(from, r->path, o ? o->import_root : NULL, o ? o->include_dirs : NULL,
                                      o ? o->ninclude : 0, &found, &err);
    switch (st) {
    case JY_FIND_OK:
        return found;
    case JY_FIND_ERROR: {
        char buf[128];
        jy_diag_report(x->d, code, &r->loc, "cannot look for %s '%s': %s", what, found, reason(err, buf));
        break;
    }
    case JY_FIND_NOT_FOUND: {
        jy_diag_id g = jy_diag_report(x->d, code, &r->loc, "cannot find %s '%.*s'", what, (int)r->path.n, r->path.s);
        if (r->path.s[0] != '/') {
            jy_buf b = { 0 };
            jy_front_find_places(&b, from, o ? o->include_dirs : NULL, o ? o->ninclude : 0);
            jy_diag_note(x->d, g, NULL, "%s", jy_buf_cstr(&b));
            jy_buf_free(&b);
        }
        break;
    }
    case JY_FIND_OUTSIDE_ROOT: {
        jy_diag_id g = jy_diag_report(x->d, JY_C_IMPORT_OUTSIDE_ROOT, &r->loc, "'%.*s' is outside the import root",
                                      (int)r->path.n, r->path.s);
        jy_diag_note(x->d, g, NULL,
                     "imports, baselines and images must resolve to files inside '%s' (--import-root, "
                     "JOURNEY_IMPORT_ROOT)",
                     o->import_root);
        break;
    }
    }
    free(found);
    return NULL;
}

/* ---- images -------------------------------------------------------------- */

static bool ends_with(jy_str s, const char *ext)
{
    size_t n = strlen(ext);
    if (s.n < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s.s[s.n - n + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return false;
    }
    return true;
}

static const char *file_kind(mode_t mode)
{
    return S_ISFIFO(mode)  ? "a FIFO"
           : S_ISCHR(mode) ? "a character device"
           : S_ISBLK(mode) ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

static void check_image(files_ctx *x, jy_file_ref *r)
{
    if (!r->given || r->invalid)
        return;
    char *found = find_ref(x, r, JY_C_IMAGE_MISSING, "image");
    if (!found)
        return;
    struct stat st;
    if (stat(found, &st) != 0) {
        char buf[128];
        jy_diag_report(x->d, JY_C_IMAGE_MISSING, &r->loc, "cannot read image '%s': %s", found, reason(errno, buf));
    } else if (S_ISDIR(st.st_mode)) {
        jy_diag_report(x->d, JY_C_IMAGE_MISSING, &r->loc, "image '%.*s' is a directory", (int)r->path.n, r->path.s);
    } else if (!S_ISREG(st.st_mode)) {
        jy_diag_report(x->d, JY_C_IMAGE_MISSING, &r->loc, "image '%.*s' is not a regular file (it is %s)",
                       (int)r->path.n, r->path.s, file_kind(st.st_mode));
    } else if (access(found, R_OK) != 0) {
        char buf[128];
        jy_diag_report(x->d, JY_C_IMAGE_MISSING, &r->loc, "cannot read image '%.*s': %s", (int)r->path.n,
                       r->path.s, reason(errno, buf));
    } else if (!ends_with(r->path, ".png") && !ends_with(r->path, ".jpg") && !ends_with(r->path, ".jpeg") &&
               !ends_with(r->path, ".svg")) {
        jy_diag_id g = jy_diag_report(x->d, JY_C_BAD_IMAGE, &r->loc, "image '%.*s' is not PNG, JPEG or SVG",
                                      (int)r->path.n, r->path.s);
        jy_diag_note(x->d, g, NULL, "an image's name ends in .png, .jpg, .jpeg or .svg");
    } else {
        r->resolved = arena_str(x->c->arena, found);
    }
    free(found);
}

/* Adds the image found at r to c's inputs (in[*n], room made by the
 * caller): render reads it, so an output must never replace it. */
static void add_image_input(jy_compilation *c, const jy_file_ref *r, jy_file_id *in, size_t *n)
{
    if (!r->resolved.n)
        return;
    char *path = jy_arena_strndup(c->arena, r->resolved.s, r->resolved.n);
    jy_file_id id;
    if (jy_file_identify(path, &id)) {
        id.name = path;
        id.imported = true;
        id.how = "draws";
        in[(*n)++] = id;
    }
}

static void check_images(files_ctx *x, jy_model *m)
{
    for (uint32_t i = 0; i < m->npersonas; i++)
        check_image(x, &m->personas[i].image);
    for (uint32_t i = 0; i < m->nsteps; i++)
        check_image(x, &m->steps[i].image);
    if (x->c->model != m)
        return;   /* a baseline's images: render reads only the map's own */
    jy_compilation *c = x->c;
    size_t room = c->ninputs + m->npersonas + m->nsteps;
    jy_file_id *in = jy_arena_alloc(c->arena, (room + 1) * sizeof *in);
    if (c->ninputs)
        memcpy(in, c->inputs, c->ninputs * sizeof *in);
    size_t n = c->ninputs;
    for (uint32_t i = 0; i < m->npersonas; i++)
        add_image_input(c, &m->personas[i].image, in, &n);
    for (uint32_t i = 0; i < m->nsteps; i++)
        add_image_input(c, &m->steps[i].image, in, &n);
    c->inputs = in;
    c->ninputs = n;
}

/* ---- the baseline -------------------------------------------------------- */

/* The state statement's value in the journey of tree t, or NULL. */
static const jy_arg *state_arg(const jy_ast *t)
{
    for (const jy_node *j = t ? t->stmts : NULL; j; j = j->next)
        if (j->kind == JY_N_JOURNEY)
            for (const jy_node *n = j->child; n; n = n->next)
                if (n->kind == JY_N_STATE)
                    return &n->args[0];
    return NULL;
}

static bool has_journey(const jy_ast *t)
{
    for (const jy_node *n = t->stmts; n; n = n->next)
        if (n->kind == JY_N_JOURNEY)
            return true;
    return false;
}

/* Adds the files the baseline's compilation read to c's inputs, which an
 * output must never replace. */
static void add_inputs(files_ctx *x, const char *path, const jy_program *prog)
{
    jy_compilation *c = x->c;
    jy_file_id *in = jy_arena_alloc(c->arena, (c->ninputs + 1 + prog->nlibs) * sizeof *in);
    if (c->ninputs)
        memcpy(in, c->inputs, c->ninputs * sizeof *in);
    size_t n = c->ninputs;
    jy_file_id id;
    if (jy_file_identify(path, &id)) {
        id.name = jy_sources_get(jy_diags_sources(x->d), prog->root->file)->name;
        id.imported = true;
        id.how = "names as its baseline";
        in[n++] = id;
    }
    for (size_t i = 0; i < prog->nlibs; i++) {
        const char *name = jy_sources_get(jy_diags_sources(x->d), prog->libs[i]->file)->name;
        if (jy_file_identify(name, &id)) {
            id.name = name;
            id.imported = true;
            in[n++] = id;
        }
    }
    c->inputs = in;
    c->ninputs = n;
}

typedef struct {
    jy_loc loc;
    bool has_loc;
    char *msg;
} kept_error;

/* Takes the diagnostics recorded since mark out of the engine, and says
 * in one error at the map's baseline string what was wrong with the
 * baseline: returns whether there was anything. */
static bool baseline_verdict(files_ctx *x, const jy_file_ref *r, size_t mark, const jy_program *prog, const char *name)
{
    jy_diags *d = x->d;
    bool stopped = jy_diags_should_stop(d);
    unsigned nerr = 0, nkept = 0;
    kept_error kept[BASELINE_NOTES];
    jy_loc first = { 0 };
    bool first_has_loc = false;
    for (size_t i = mark; i < jy_diags_count(d); i++) {
        const jy_diag *g = jy_diags_get(d, i);
        if (g->sev != JY_SEV_ERROR || g->promoted)
            continue;
        if (!nerr) {
            first = g->loc;
            first_has_loc = g->has_loc;
        }
        if (nkept < BASELINE_NOTES) {
            kept[nkept].loc = g->loc;
            kept[nkept].has_loc = g->has_loc;
            kept[nkept].msg = jy_xstrdup(g->msg);
            nkept++;
        }
        nerr++;
    }
    jy_diags_truncate(d, mark);

    if (nerr && !jy_front_named_journey(name)) {
        /* Not journey text: say so once, without quoting any of it. */
        for (unsigned i = 0; i < nkept; i++)
            free(kept[i].msg);
        jy_front_not_map(d, JY_C_BASELINE_LIBRARY, &r->loc, r->path, first_has_loc ? &first : NULL);
        return true;
    }
    if (nerr) {
        jy_diag_id g = jy_diag_report(d, JY_C_BASELINE_ERRORS, &r->loc, "the baseline '%.*s' has %u%s error%s",
                                      (int)r->path.n, r->path.s, nerr, stopped ? " or more" : "",
                                      nerr == 1 && !stopped ? "" : "s");
        for (unsigned i = 0; i < nkept; i++) {
            jy_diag_note(d, g, kept[i].has_loc ? &kept[i].loc : NULL, "%s", kept[i].msg);
            free(kept[i].msg);
        }
        if (nerr > nkept || stopped)
            jy_diag_note(d, g, NULL, "'journey check %s' shows them all", name);
        return true;
    }
    for (unsigned i = 0; i < nkept; i++)
        free(kept[i].msg);
    if (!has_journey(prog->root)) {
        jy_diag_report(d, JY_C_BASELINE_LIBRARY, &r->loc,
                       "'%.*s' holds no journey; a baseline is the journey map this one improves on",
                       (int)r->path.n, r->path.s);
        return true;
    }
    return false;
}

/* baseline-state: an as-is baseline, and a to-be map that names it. */
static void warn_state(files_ctx *x, const jy_model *m, const jy_file_ref *r, const jy_model *bm,
                       const jy_program *bprog)
{
    if (bm && bm->state != JY_STATE_CURRENT) {
        jy_diag_id g = jy_diag_report(x->d, JY_C_BASELINE_STATE, &r->loc,
                                      "the baseline '%.*s' is a '%.*s' map; a baseline is the current (as-is) map "
                                      "this one improves on",
                                      (int)r->path.n, r->path.s, (int)bm->state_word.n, bm->state_word.s);
        const jy_arg *a = state_arg(bprog->root);
        if (a)
            jy_diag_note(x->d, g, &a->loc, "its state is given here");
    }
    if (m->state == JY_STATE_FUTURE)
        return;
    const jy_arg *a = state_arg(x->c->prog->root);
    if (a && !jy_str_eq(a->text, m->state_word))
        return;   /* an unknown state: that error is enough */
    if (a) {
        jy_diag_id g = jy_diag_report(x->d, JY_C_BASELINE_STATE, &a->loc,
                                      "a map with a baseline is a future (to-be) map, not '%.*s'", (int)a->text.n,
                                      a->text.s);
        jy_diag_note(x->d, g, &r->loc, "the baseline is named here");
    } else {
        jy_diag_id g = jy_diag_report(x->d, JY_C_BASELINE_STATE, &r->loc,
                                      "a map with a baseline is a future (to-be) map, but this one has no state "
                                      "(a current map)");
        jy_diag_note(x->d, g, NULL, "add 'state to-be' to the journey");
    }
}

static void load_baseline(files_ctx *x, jy_model *m)
{
    jy_file_ref *r = &m->baseline_file;
    if (!r->given || r->invalid)
        return;
    jy_compilation *c = x->c;
    jy_diags *d = x->d;
    jy_model *bm = NULL;
    const jy_program *bprog = NULL;
    char *found = find_ref(x, r, JY_C_BASELINE_MISSING, "baseline");
    if (!found)
        goto state;

    /* The map itself, by any name (inputs[0] is the map when read from a
     * file). */
    jy_file_id id;
    if (c->ninputs && !c->inputs[0].imported && jy_file_identify(found, &id) && id.dev == c->inputs[0].dev &&
        id.ino == c->inputs[0].ino) {
        jy_diag_report(d, JY_C_BASELINE_SELF, &r->loc,
                       "'%.*s' is this map itself; a baseline is the other map this one improves on",
                       (int)r->path.n, r->path.s);
        free(found);
        return;
    }

    char *text;
    size_t len;
    int err;
    const jy_compile_options *o = x->o;
    const jy_overlay *ov = o ? o->overlay : NULL;
    const char *held;
    size_t nheld;
    jy_read_status rs;
    if (ov && ov->read && ov->read(ov->ctx, found, &held, &nheld)) {
        /* Text an editor holds for the path (journey lsp), as for imports. */
        text = jy_xmalloc(nheld + 2);
        memcpy(text, held, nheld);
        text[nheld] = text[nheld + 1] = '\0';
        len = nheld;
        rs = JY_READ_OK;
    } else {
        rs = jy_file_read(found, true, &text, &len, &err);
    }
    if (rs != JY_READ_OK) {
        jy_diag_report(d, JY_C_BASELINE_MISSING, &r->loc, "cannot read baseline '%.*s': %s", (int)r->path.n,
                       r->path.s, jy_file_read_status_text(rs, err));
        free(found);
        goto state;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, len - 1);
        len -= 3;
    }
    uint32_t file = jy_sources_add(jy_diags_sources(d), found, text, len);
    size_t mark = jy_diags_count(d);
    jy_program *prog = jy_front_load_overlay(c->arena, d, file, o ? o->import_root : NULL,
                                             o ? o->include_dirs : NULL, o ? o->ninclude : 0, ov);
    if (prog->syntax_errors == 0 && !jy_diags_should_stop(d)) {
        bm = jy_sema_check(c->arena, d, prog, x->today);
        check_images(x, bm);
    }
    add_inputs(x, found, prog);
    bprog = prog;
    if (baseline_verdict(x, r, mark, prog, found)) {
        bm = NULL;
    } else {
        m->baseline = bm;
        r->resolved = arena_str(c->arena, found);
    }
    free(found);
state:
    warn_state(x, m, r, bm, bprog);
}

void jy_check_files(jy_compilation *c, const jy_compile_options *o, int32_t today)
{
    files_ctx x = { c, c->diags, o, today };
    check_images(&x, c->model);
    if (c->model->has_journey && !jy_diags_should_stop(c->diags))
        load_baseline(&x, c->model);
}
