/* convert_mermaid.c - a Mermaid `journey` diagram as .journey text.
 *
 * Design notes
 * - The reader follows Mermaid's documented journey syntax, line by line:
 *   `journey` first (after any `---` front matter, whose `title:` counts),
 *   then `title TEXT` (':' allowed in it), `accTitle: TEXT`, `accDescr:
 *   TEXT` or `accDescr { ... }`, `section TEXT`, and tasks `NAME: SCORE[:
 *   ACTOR, ACTOR...]`.  ';' ends a statement as a line break does; `%%`
 *   and '#' start a comment that runs to the end of the line, as in
 *   Mermaid's lexer.  Tasks before any section go in a stage without a
 *   title.
 * - What Mermaid would not draw, or what the map cannot say, is an error
 *   at its place: no `journey` first, a task without ':' and a score, a
 *   score that is not a whole number from 1 to 5 (the map's scale is
 *   1..5), text that is not UTF-8 or holds a character the language
 *   refuses in text (controls, noncharacters).  The
 *   reader stops at the engine's error limit.
 * - The map: the title (else accTitle, else the caller's default) is the
 *   journey's, accDescr its description, `scale 1..5`; every actor a
 *   persona, in order of first appearance, its id made from its name as
 *   the language makes ids from titles (jy_ast_derive_id; "persona" or a
 *   "p-" prefix when that leaves nothing or starts with a digit, "-2"...
 *   when taken).  Each section is a stage and each task a step, their ids
 *   left to be derived from their titles unless that would give nothing or
 *   an id already used, when an explicit one is written.  A step concerns
 *   the task's actors (`persona a, b`) with the task's score (`emotion N`);
 *   tasks next to each other with the same name and actors of their own
 *   are one step with an emotion per persona, which is how `journey export
 *   -f mermaid` writes a step where personas feel differently, so that the
 *   two round-trip.  A task without actors is a step for every persona.
 * - Comments are kept in order, each before the stage or step that follows
 *   it (those before `journey` at the top of the file, those after the
 *   last task at the end of the journey); one on a task's line, after the
 *   task, goes at the end of its step.
 * - The text is laid out canonically but the command formats it again
 *   (it parses what it writes), so the layout is fmt's in every detail.
 */
#include "journey/convert.h"
#include "journey/emit.h"

#include <stdlib.h>
#include <string.h>

const jy_diag_code jy_convert_codes[JY_CONVERT_C_COUNT] = {
    { "mermaid-syntax", false, true, "Mermaid text that is not a journey diagram journey can convert", NULL, NULL,
      NULL, NULL },
};

jy_diags *jy_convert_diags_new(void)
{
    return jy_diags_create(jy_convert_codes, JY_CONVERT_C_COUNT);
}

typedef struct {
    jy_str *v;
    size_t n, cap;
} str_list;

typedef struct {
    jy_str name;
    int score;
    uint32_t *actors;          /* persona indices */
    size_t nactors;
    str_list comments;         /* before it */
    str_list trailing;         /* on its line, after it */
} task;

typedef struct {
    jy_str title;
    bool has_title;
    task *tasks;
    size_t ntasks, cap;
    str_list comments;         /* before it */
} section;

typedef struct {
    jy_diags *d;
    jy_arena *a;
    uint32_t file;
    const char *text;
    bool journey_seen;
    bool errors;
    jy_str title, acc_title, acc_descr;
    bool has_title, has_acc_title, has_acc_descr;
    jy_str *actors;            /* names, in order of first appearance */
    size_t nactors, actcap;
    jy_map actor_index;        /* name -> index + 1 */
    section *sections;
    size_t nsections, seccap;
    str_list head;             /* comments before `journey` */
    str_list pending;          /* comments waiting for the next item */
    jy_buf descr;              /* accDescr { ... } being read */
    bool in_descr;
} reader;

static void add_str(str_list *l, jy_str s)
{
    VEC_PUSH(l->v, l->n, l->cap, s);
}

static void free_list(str_list *l)
{
    free(l->v);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static jy_str trim(const char *s, const char *e)
{
    while (s < e && is_space(*s))
        s++;
    while (e > s && is_space(e[-1]))
        e--;
    return jy_str_make(s, (size_t)(e - s));
}

static jy_loc loc_of(const reader *r, jy_str s)
{
    jy_loc l = { r->file, (uint32_t)(s.s - r->text), (uint32_t)(s.s - r->text + s.n) };
    return l;
}

static void error(reader *r, jy_str at, const char *msg, jy_str arg)
{
    jy_loc l = loc_of(r, at);
    if (l.end == l.off)
        l.end = l.off + 1;   /* a caret even on an empty place */
    jy_diag_report(r->d, JY_CONVERT_C_MERMAID_SYNTAX, &l, msg, (int)arg.n, arg.s);
    r->errors = true;
}

/* The statement starts with keyword kw, followed by a space, ':' or '{'
 * (or nothing); *rest is what follows, trimmed. */
static bool keyword(jy_str s, const char *kw, jy_str *rest)
{
    size_t n = strlen(kw);
    if (s.n < n || memcmp(s.s, kw, n) != 0)
        return false;
    if (s.n > n && !is_space(s.s[n]) && s.s[n] != ':' && s.s[n] != '{')
        return false;
    *rest = trim(s.s + n, s.s + s.n);
    return true;
}

static section *current(reader *r)
{
    if (!r->nsections) {
        section s;
        memset(&s, 0, sizeof s);
        VEC_PUSH(r->sections, r->nsections, r->seccap, s);
    }
    return &r->sections[r->nsections - 1];
}

static uint32_t actor(reader *r, jy_str name)
{
    uintptr_t known = (uintptr_t)jy_map_get(&r->actor_index, name);
    if (known)
        return (uint32_t)(known - 1);
    VEC_PUSH(r->actors, r->nactors, r->actcap, name);
    jy_map_put(&r->actor_index, name, (void *)(uintptr_t)r->nactors);
    return (uint32_t)(r->nactors - 1);
}

static void task_line(reader *r, jy_str s)
{
    const char *colon = memchr(s.s, ':', s.n);
    if (!colon) {
        error(r, s, "expected ':' and a score after the task '%.*s', as in: Make tea: 5: Me", s);
        return;
    }
    jy_str name = trim(s.s, colon);
    if (!name.n) {
        error(r, jy_str_make(colon, 1), "a task needs a name before its ':'%.*s", jy_str_make("", 0));
        return;
    }
    const char *end = s.s + s.n;
    const char *second = memchr(colon + 1, ':', (size_t)(end - colon - 1));
    jy_str score = trim(colon + 1, second ? second : end);
    if (!score.n) {
        error(r, jy_str_make(colon, 1), "expected a score from 1 to 5 after the ':' of task '%.*s'", name);
        return;
    }
    int value = 0;
    bool ok = score.n <= 2;
    for (uint32_t i = 0; ok && i < score.n; i++) {
        ok = score.s[i] >= '0' && score.s[i] <= '9';
        value = value * 10 + (score.s[i] - '0');
    }
    if (!ok || value < 1 || value > 5) {
        error(r, score, "score '%.*s' is not a whole number from 1 to 5", score);
        return;
    }
    task t;
    memset(&t, 0, sizeof t);
    t.name = name;
    t.score = value;
    if (second) {
        /* Actors, separated by ','; a third ':' and what follows are
         * ignored, as Mermaid ignores them. */
        const char *third = memchr(second + 1, ':', (size_t)(end - second - 1));
        const char *stop = third ? third : end;
        size_t cap = 0;
        for (const char *p = second + 1; p < stop;) {
            const char *comma = memchr(p, ',', (size_t)(stop - p));
            const char *q = comma ? comma : stop;
            jy_str who = trim(p, q);
            if (who.n) {
                uint32_t k = actor(r, who);
                bool again = false;
                for (size_t i = 0; i < t.nactors; i++)
                    again |= t.actors[i] == k;
                if (!again)
                    VEC_PUSH(t.actors, t.nactors, cap, k);
            }
            p = q + 1;
        }
    }
    t.comments = r->pending;
    memset(&r->pending, 0, sizeof r->pending);
    section *sec = current(r);
    VEC_PUSH(sec->tasks, sec->ntasks, sec->cap, t);
}

static void statement(reader *r, jy_str s)
{
    jy_str rest;
    if (!r->journey_seen) {
        if (s.n == 7 && memcmp(s.s, "journey", 7) == 0) {
            r->journey_seen = true;
            return;
        }
        error(r, s, "expected 'journey' first: this is not a Mermaid journey diagram ('%.*s')", s);
        return;
    }
    if (keyword(s, "title", &rest) && s.n > 5 && is_space(s.s[5])) {
        if (!rest.n) {
            error(r, s, "'title' needs a text%.*s", jy_str_make("", 0));
            return;
        }
        r->title = rest;
        r->has_title = true;
    } else if (keyword(s, "accTitle", &rest) || keyword(s, "accDescr", &rest)) {
        bool descr = s.s[3] == 'D';
        if (descr && rest.n && rest.s[0] == '{') {
            r->in_descr = true;
            r->descr.len = 0;
            jy_str inner = trim(rest.s + 1, rest.s + rest.n);
            const char *close = memchr(inner.s, '}', inner.n);
            if (close) {
                inner = trim(inner.s, close);
                r->in_descr = false;
            }
            jy_buf_addstr(&r->descr, inner);
            if (!r->in_descr) {
                r->acc_descr = jy_str_dup(r->a, jy_str_make(r->descr.p ? r->descr.p : "", r->descr.len));
                r->has_acc_descr = true;
            }
            return;
        }
        if (!rest.n || rest.s[0] != ':') {
            error(r, s, "expected ':' and a text after '%.*s'", jy_str_make(s.s, 8));
            return;
        }
        rest = trim(rest.s + 1, rest.s + rest.n);
        if (descr) {
            r->acc_descr = rest;
            r->has_acc_descr = true;
        } else {
            r->acc_title = rest;
            r->has_acc_title = true;
        }
    } else if (keyword(s, "section", &rest) && s.n > 7 && is_space(s.s[7])) {
        const char *colon = memchr(rest.s, ':', rest.n);
        if (colon) {
            /* Mermaid ends a section's name there and reads the rest as a
             * task without a name. */
            error(r, jy_str_make(colon, 1), "a section's name cannot hold ':' (Mermaid ends it there)%.*s",
                  jy_str_make("", 0));
            return;
        }
        section sec;
        memset(&sec, 0, sizeof sec);
        sec.title = rest;
        sec.has_title = true;
        sec.comments = r->pending;
        memset(&r->pending, 0, sizeof r->pending);
        VEC_PUSH(r->sections, r->nsections, r->seccap, sec);
    } else {
        task_line(r, s);
    }
}

/* One line: its statements, then its comment. */
static void line(reader *r, const char *s, const char *e)
{
    if (r->in_descr) {
        const char *close = memchr(s, '}', (size_t)(e - s));
        jy_str part = trim(s, close ? close : e);
        if (part.n) {
            if (r->descr.len)
                jy_buf_addc(&r->descr, ' ');
            jy_buf_addstr(&r->descr, part);
        }
        if (close) {
            r->in_descr = false;
            r->acc_descr = jy_str_dup(r->a, jy_str_make(r->descr.p ? r->descr.p : "", r->descr.len));
            r->has_acc_descr = true;
        }
        return;
    }
    const char *comment = NULL;
    for (const char *p = s; p < e && !comment; p++)
        if (*p == '#' || (*p == '%' && p + 1 < e && p[1] == '%'))
            comment = p;
    for (const char *p = s, *stop = comment ? comment : e;
         p < stop && !jy_diags_should_stop(r->d) && (r->journey_seen || !r->errors);) {
        const char *semi = memchr(p, ';', (size_t)(stop - p));
        const char *q = semi ? semi : stop;
        jy_str st = trim(p, q);
        if (st.n)
            statement(r, st);
        p = q + 1;
    }
    if (comment) {
        /* A directive (%%{init: ...}%%) is kept whole. */
        bool directive = *comment == '%' && comment + 2 < e && comment[2] == '{';
        const char *c = directive ? comment : comment + (*comment == '#' ? 1 : 2);
        jy_str text = trim(c, e);
        /* After a task on its line: the task's own. */
        section *sec = r->nsections ? &r->sections[r->nsections - 1] : NULL;
        bool after_task = false;
        for (const char *p = s; p < comment; p++)
            after_task |= !is_space(*p);
        if (after_task && sec && sec->ntasks && !r->pending.n &&
            sec->tasks[sec->ntasks - 1].name.s >= s && sec->tasks[sec->ntasks - 1].name.s < comment)
            add_str(&sec->tasks[sec->ntasks - 1].trailing, text);
        else
            add_str(r->journey_seen ? &r->pending : &r->head, text);
    }
}

/* Mermaid's front matter: `---` lines around YAML; `title:` is read. */
static size_t front_matter(reader *r, const char *t, size_t len)
{
    size_t i = 0;
    while (i < len && (t[i] == '\n' || is_space(t[i])))
        i++;
    if (len - i < 3 || memcmp(t + i, "---", 3) != 0)
        return 0;
    const char *nl = memchr(t + i, '\n', len - i);
    if (!nl || trim(t + i, nl).n != 3)
        return 0;
    for (size_t p = (size_t)(nl - t) + 1; p < len;) {
        const char *eol = memchr(t + p, '\n', len - p);
        size_t e = eol ? (size_t)(eol - t) : len;
        jy_str l = trim(t + p, t + e);
        if (l.n == 3 && memcmp(l.s, "---", 3) == 0)
            return e;
        if (l.n > 6 && memcmp(l.s, "title:", 6) == 0) {
            jy_str v = trim(l.s + 6, l.s + l.n);
            if (v.n >= 2 && (v.s[0] == '"' || v.s[0] == '\'') && v.s[v.n - 1] == v.s[0])
                v = jy_str_make(v.s + 1, v.n - 2);
            r->title = v;
            r->has_title = v.n > 0;
        }
        p = e + 1;
    }
    error(r, jy_str_make(t + i, 3), "the front matter that starts here has no closing '---'%.*s",
          jy_str_make("", 0));
    return len;
}

/* Text the map can hold: UTF-8 without the characters the language
 * refuses in text (jy_utf8_forbidden: controls, noncharacters). */
static bool readable(reader *r, const char *t, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t at = i;
        bool valid;
        uint32_t cp = jy_utf8_next(t, len, &i, &valid);
        if (!valid) {
            char hex[8];
            snprintf(hex, sizeof hex, "0x%02X", (unsigned char)t[at]);
            error(r, jy_str_make(t + at, 1), "invalid UTF-8 byte %.*s", jy_str_make(hex, strlen(hex)));
            return false;
        }
        const char *what = jy_utf8_forbidden(cp);
        if (what) {
            char said[64];
            snprintf(said, sizeof said, "U+%04X is %s", (unsigned)cp, what);
            error(r, jy_str_make(t + at, i - at), "%.*s, which a map's text cannot hold",
                  jy_str_make(said, strlen(said)));
            return false;
        }
    }
    return true;
}

/* ---- writing the map ------------------------------------------------------- */

typedef struct {
    jy_map used;
} id_set;

static bool taken(id_set *s, jy_str id)
{
    return jy_map_get(&s->used, id) != NULL;
}

static void take(id_set *s, jy_str id)
{
    jy_map_put(&s->used, id, (void *)1);
}

/* An id no other of its kind has: base, else base-2, base-3... */
static jy_str unique(jy_arena *a, id_set *s, jy_str base)
{
    jy_str id = base;
    jy_buf b = { 0 };
    for (unsigned k = 2; taken(s, id); k++) {
        b.len = 0;
        jy_buf_printf(&b, "%.*s-%u", (int)base.n, base.s, k);
        id = jy_str_make(b.p, b.len);
    }
    id = jy_str_dup(a, id);
    jy_buf_free(&b);
    take(s, id);
    return id;
}

/* An id written out from a derived one: valid as a name (a letter first). */
static jy_str written_id(jy_arena *a, jy_str derived, const char *kind)
{
    if (!derived.n)
        return jy_str_make(kind, strlen(kind));
    if (derived.s[0] >= '0' && derived.s[0] <= '9') {
        jy_buf b = { 0 };
        jy_buf_printf(&b, "%s-%.*s", kind, (int)derived.n, derived.s);
        jy_str id = jy_str_dup(a, jy_str_make(b.p, b.len));
        jy_buf_free(&b);
        return id;
    }
    return derived;
}

static void indent(jy_buf *out, int depth)
{
    for (int i = 0; i < depth; i++)
        jy_buf_adds(out, "  ");
}

static void comments(jy_buf *out, const str_list *l, int depth)
{
    for (size_t i = 0; i < l->n; i++) {
        indent(out, depth);
        jy_buf_addc(out, '#');
        if (l->v[i].n) {
            jy_buf_addc(out, ' ');
            jy_buf_addstr(out, l->v[i]);
        }
        jy_buf_addc(out, '\n');
    }
}

/* "stage" or "step", its id when one must be written, and its title. */
static void header(reader *r, jy_buf *out, id_set *ids, const char *kind, jy_str title)
{
    jy_str derived = jy_ast_derive_id(r->a, title);
    jy_buf_adds(out, kind);
    jy_buf_addc(out, ' ');
    if (derived.n && !taken(ids, derived)) {
        take(ids, derived);
    } else {
        jy_buf_addstr(out, unique(r->a, ids, written_id(r->a, derived, kind)));
        jy_buf_addc(out, ' ');
    }
    jy_ast_quote_text(out, title);
    jy_buf_adds(out, " {\n");
}

static bool disjoint(const task *a, const task *b)
{
    for (size_t i = 0; i < a->nactors; i++)
        for (size_t k = 0; k < b->nactors; k++)
            if (a->actors[i] == b->actors[k])
                return false;
    return true;
}

static void write_map(reader *r, const char *default_title, jy_buf *out)
{
    id_set stage_ids, step_ids, persona_ids;
    jy_map_init(&stage_ids.used);
    jy_map_init(&step_ids.used);
    jy_map_init(&persona_ids.used);
    jy_str *pids = jy_arena_alloc(r->a, (r->nactors + 1) * sizeof *pids);
    for (size_t i = 0; i < r->nactors; i++)
        pids[i] = unique(r->a, &persona_ids,
                         written_id(r->a, jy_ast_derive_id(r->a, r->actors[i]), "persona"));

    comments(out, &r->head, 0);
    jy_str title = r->has_title       ? r->title
                   : r->has_acc_title ? r->acc_title
                                      : jy_str_make(default_title, strlen(default_title));
    jy_buf_adds(out, "journey ");
    jy_ast_quote_text(out, title);
    jy_buf_adds(out, " {\n");
    if (r->has_acc_descr) {
        jy_buf_adds(out, "  description ");
        jy_ast_quote_text(out, r->acc_descr);
        jy_buf_addc(out, '\n');
    }
    jy_buf_adds(out, "  scale 1..5\n");
    for (size_t i = 0; i < r->nactors; i++) {
        jy_buf_adds(out, "  persona ");
        jy_buf_addstr(out, pids[i]);
        jy_buf_addc(out, ' ');
        jy_ast_quote_text(out, r->actors[i]);
        jy_buf_addc(out, '\n');
    }
    for (size_t si = 0; si < r->nsections; si++) {
        const section *sec = &r->sections[si];
        jy_buf_addc(out, '\n');
        comments(out, &sec->comments, 1);
        jy_buf_adds(out, "  ");
        header(r, out, &stage_ids, "stage", sec->has_title ? sec->title : jy_str_make("", 0));
        for (size_t ti = 0; ti < sec->ntasks;) {
            /* This task and the next ones of the same name with actors of
             * their own: one step. */
            size_t end = ti + 1;
            if (sec->tasks[ti].nactors)
                while (end < sec->ntasks && jy_str_eq(sec->tasks[end].name, sec->tasks[ti].name) &&
                       sec->tasks[end].nactors && !sec->tasks[end].comments.n) {
                    bool apart = true;
                    for (size_t k = ti; k < end; k++)
                        apart &= disjoint(&sec->tasks[k], &sec->tasks[end]);
                    if (!apart)
                        break;
                    end++;
                }
            comments(out, &sec->tasks[ti].comments, 2);
            jy_buf_adds(out, "    ");
            header(r, out, &step_ids, "step", sec->tasks[ti].name);
            bool any = false;
            for (size_t k = ti; k < end; k++)
                for (size_t i = 0; i < sec->tasks[k].nactors; i++) {
                    jy_buf_adds(out, any ? ", " : "      persona ");
                    jy_buf_addstr(out, pids[sec->tasks[k].actors[i]]);
                    any = true;
                }
            if (any)
                jy_buf_addc(out, '\n');
            if (end == ti + 1) {
                jy_buf_printf(out, "      emotion %d\n", sec->tasks[ti].score);
            } else {
                for (size_t k = ti; k < end; k++)
                    for (size_t i = 0; i < sec->tasks[k].nactors; i++) {
                        jy_buf_adds(out, "      emotion ");
                        jy_buf_addstr(out, pids[sec->tasks[k].actors[i]]);
                        jy_buf_printf(out, " %d\n", sec->tasks[k].score);
                    }
            }
            for (size_t k = ti; k < end; k++)
                comments(out, &sec->tasks[k].trailing, 3);
            jy_buf_adds(out, "    }\n");
            ti = end;
        }
        jy_buf_adds(out, "  }\n");
    }
    if (r->pending.n) {
        jy_buf_addc(out, '\n');
        comments(out, &r->pending, 1);
    }
    jy_buf_adds(out, "}\n");
    jy_map_free(&stage_ids.used);
    jy_map_free(&step_ids.used);
    jy_map_free(&persona_ids.used);
}

jy_convert_status jy_convert_mermaid(jy_diags *d, uint32_t file, const char *default_title, jy_buf *out)
{
    jy_guard g;
    jy_guard_enter(&g);
    if (setjmp(g.env))
        return JY_CONVERT_NO_MEMORY;
    const jy_source *src = jy_sources_get(jy_diags_sources(d), file);
    reader r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.a = jy_arena_new();
    r.file = file;
    r.text = src->text;
    jy_map_init(&r.actor_index);
    const char *t = src->text;
    size_t len = src->len;
    if (readable(&r, t, len)) {
        size_t i = front_matter(&r, t, len);
        /* Without 'journey' first, what follows is some other text: one
         * error says so. */
        while (i < len && !jy_diags_should_stop(d) && (r.journey_seen || !r.errors)) {
            const char *nl = memchr(t + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - t) : len;
            line(&r, t + i, t + e);
            i = e + 1;
        }
        if (!r.errors && !r.journey_seen)
            error(&r, jy_str_make(t + len, 0), "expected 'journey': the file holds no Mermaid diagram%.*s",
                  jy_str_make("", 0));
        if (!r.errors && r.in_descr)
            error(&r, jy_str_make(t + len, 0), "the accDescr { ... } block is not closed with '}'%.*s",
                  jy_str_make("", 0));
    }
    bool ok = !r.errors;
    if (ok)
        write_map(&r, default_title, out);
    for (size_t s = 0; s < r.nsections; s++) {
        for (size_t k = 0; k < r.sections[s].ntasks; k++) {
            free(r.sections[s].tasks[k].actors);
            free_list(&r.sections[s].tasks[k].comments);
            free_list(&r.sections[s].tasks[k].trailing);
        }
        free(r.sections[s].tasks);
        free_list(&r.sections[s].comments);
    }
    free(r.sections);
    free(r.actors);
    free_list(&r.head);
    free_list(&r.pending);
    jy_buf_free(&r.descr);
    jy_map_free(&r.actor_index);
    jy_arena_free(r.a);
    jy_guard_leave(&g);
    return ok ? JY_CONVERT_OK : JY_CONVERT_ERRORS;
}
