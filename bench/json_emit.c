/* json_emit.c - JSON written by journey's own encoder (core/emit) against
 * the same JSON built and written with Jansson, on the texts of a map.
 *
 *   build/bench/json_emit MAP [ROUNDS]
 *
 * Checks MAP, gathers every text of its model (titles, descriptions,
 * touchpoints, thoughts, pains, opportunities, blueprint rows, notes,
 * emotion labels), and writes them as one JSON array of strings, ROUNDS
 * times each way, into memory:
 *   emit     jy_json_string into a buffer cleared every 64 KiB, as the
 *            export's sink does;
 *   jansson  a json_t array of json_stringn values, then json_dumpb into
 *            a buffer, then json_decref: what an export through Jansson
 *            would do, since Jansson writes only from a tree.
 * Prints the best time of each and the bytes written.  A benchmark, not a
 * test; docs/performance.md records a run.
 */
#include "journey/check.h"
#include "journey/codes.h"
#include "journey/emit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
    jy_str *items;
    size_t n, cap;
} texts;

static void add(texts *t, jy_str s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->items = realloc(t->items, t->cap * sizeof *t->items);
        if (!t->items)
            abort();
    }
    t->items[t->n++] = s;
}

static void add_all(texts *t, const jy_texts *x)
{
    for (uint32_t i = 0; i < x->n; i++)
        add(t, x->items[i].text);
}

static void add_items(texts *t, const jy_items *x)
{
    for (uint32_t i = 0; i < x->n; i++)
        add(t, x->items[i].text);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: json_emit MAP [ROUNDS]\n", stderr);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    jy_diags *d = jy_diags_new();
    jy_compile_options opts = { NULL, 0, NULL, 0 };
    jy_compilation *c = jy_compile_file(d, argv[1], &opts);
    if (!c->model) {
        fprintf(stderr, "json_emit: %s does not check\n", argv[1]);
        return 1;
    }
    const jy_model *m = c->model;
    texts t = { 0 };
    for (uint32_t i = 0; i < m->nsteps; i++) {
        const jy_step *s = &m->steps[i];
        add(&t, s->title);
        add(&t, s->description);
        for (uint32_t k = 0; k < s->ntouchpoints; k++)
            add(&t, s->touchpoints[k].text);
        for (uint32_t k = 0; k < s->nfeel; k++)
            add(&t, s->feel[k].label);
        add_items(&t, &s->thoughts);
        add_items(&t, &s->pains);
        add_items(&t, &s->opportunities);
        add_items(&t, &s->frontstage);
        add_items(&t, &s->backstage);
        add_items(&t, &s->support);
        add_all(&t, &s->notes);
    }
    size_t input = 0;
    for (size_t i = 0; i < t.n; i++)
        input += t.items[i].n;

    double best_emit = 1e9, best_jansson = 1e9;
    size_t out_emit = 0, out_jansson = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        jy_buf b = { 0 };
        size_t total = 0;
        jy_buf_addc(&b, '[');
        for (size_t i = 0; i < t.n; i++) {
            if (i)
                jy_buf_addc(&b, ',');
            jy_json_str(&b, t.items[i]);
            if (b.len >= 65536) {
                total += b.len;
                b.len = 0;
            }
        }
        jy_buf_addc(&b, ']');
        total += b.len;
        jy_buf_free(&b);
        double t1 = now();
        if (t1 - t0 < best_emit)
            best_emit = t1 - t0;
        out_emit = total;

        t0 = now();
        json_t *a = json_array();
        for (size_t i = 0; i < t.n; i++)
            json_array_append_new(a, json_stringn(t.items[i].n ? t.items[i].s : "", t.items[i].n));
        size_t need = json_dumpb(a, NULL, 0, JSON_COMPACT);
        char *out = malloc(need);
        if (!out)
            abort();
        out_jansson = json_dumpb(a, out, need, JSON_COMPACT);
        free(out);
        json_decref(a);
        t1 = now();
        if (t1 - t0 < best_jansson)
            best_jansson = t1 - t0;
    }
    printf("json_emit: %zu texts, %.1f MB of text\n", t.n, input / 1e6);
    printf("  emit:    %.3f s, %.1f MB written, %.0f MB/s\n", best_emit, out_emit / 1e6, out_emit / 1e6 / best_emit);
    printf("  jansson: %.3f s, %.1f MB written, %.0f MB/s (%.1f times the time)\n", best_jansson, out_jansson / 1e6,
           out_jansson / 1e6 / best_jansson, best_jansson / best_emit);
    free(t.items);
    jy_compilation_free(c);
    jy_diags_free(d);
    return 0;
}
