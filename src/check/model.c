/* model.c - facts about the checked model that every back end shows the
 * same way: names, feelings, whether a metric meets its target, and how
 * numbers, units and touchpoints are written.  One implementation each, so
 * that a report, a rendered map, an export and a diff never disagree. */
#include "journey/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

jy_str jy_display_name(jy_str title, jy_str id)
{
    return title.n ? title : id;
}

const jy_feeling *jy_step_feeling(const jy_step *s, uint32_t p)
{
    uint32_t lo = 0, hi = s->nfeel;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->feel[mid].persona < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nfeel && s->feel[lo].persona == p ? &s->feel[lo] : NULL;
}

bool jy_step_score(const jy_step *s, int32_t p, int *score, jy_str *label)
{
    int v;
    jy_str l;
    if (p == JY_MOOD) {
        if (!s->has_mood)
            return false;
        v = s->mood;
        l = s->mood_label;
    } else {
        const jy_feeling *f = p >= 0 ? jy_step_feeling(s, (uint32_t)p) : NULL;
        if (!f || !f->has)
            return false;
        v = f->score;
        l = f->label;
    }
    *score = v;
    if (label)
        *label = l;
    return true;
}

uint32_t jy_step_views(const jy_step *s, jy_feel_view *v)
{
    if (s->nfeel == 0) {
        v[0] = (jy_feel_view){ JY_MOOD, s->has_mood, s->mood, s->mood_label };
        return 1;
    }
    for (uint32_t k = 0; k < s->nfeel; k++) {
        const jy_feeling *f = &s->feel[k];
        v[k] = (jy_feel_view){ (int32_t)f->persona, f->has, f->score, f->label };
    }
    return s->nfeel;
}

static bool texts_have(const jy_texts *t, jy_str word)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (jy_str_eq(t->items[i].text, word))
            return true;
    return false;
}

bool jy_tag_selects_step(const jy_step *s, jy_str tag)
{
    return texts_have(&s->tags, tag);
}

int jy_metric_met(const jy_model *m, const jy_metric *mt)
{
    const jy_kpi *k = &m->kpis[mt->kpi];
    if (!k->has_target || k->better == JY_BETTER_UNSET)
        return -1;
    if (k->better == JY_BETTER_HIGHER)
        return mt->value >= k->target;
    return mt->value <= k->target;
}

/* printf follows the current locale; the toolchain never changes it, but a
 * host program may, and a decimal comma must reach no output. */
static void force_c_decimal(char *s)
{
    for (; *s; s++)
        if (*s == ',')
            *s = '.';
}

const char *jy_format_number(char *buf, double v)
{
    if (!isfinite(v))
        v = v > 0 ? 1e308 : v < 0 ? -1e308 : 0;
    snprintf(buf, 32, "%.15g", v);
    force_c_decimal(buf);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return buf;
}

const char *jy_format_mean(char *buf, double v)
{
    snprintf(buf, 32, "%.2f", v);
    force_c_decimal(buf);
    if (strcmp(buf, "-0.00") == 0)
        strcpy(buf, "0.00");
    return buf;
}

void jy_append_unit(jy_buf *b, jy_str unit)
{
    if (!unit.n)
        return;
    if (!jy_str_eqz(unit, "%"))
        jy_buf_addc(b, ' ');
    jy_buf_addstr(b, unit);
}

void jy_append_metric_value(jy_buf *b, const jy_model *m, const jy_metric *mt)
{
    jy_buf_addstr(b, mt->spelling);
    if (!mt->pct)
        jy_append_unit(b, m->kpis[mt->kpi].unit);
}

void jy_append_touchpoint(jy_buf *b, const jy_model *m, const jy_touchpoint *tp)
{
    if (tp->channel >= 0) {
        const jy_channel *c = &m->channels[tp->channel];
        jy_buf_addstr(b, jy_display_name(c->title, c->id));
        if (tp->text.n)
            jy_buf_adds(b, ": ");
    }
    jy_buf_addstr(b, tp->text);
}
