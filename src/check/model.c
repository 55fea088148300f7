/* model.c - facts about the checked model that every back end shows the
 * same way: names, feelings, whether a metric meets its target, and how
 * numbers, units and touchpoints are written.  One implementation each, so
 * that a report, a rendered map, an export and a diff never disagree. */
#include "journey/model.h"

#include <math.h>
#include <stddef.h>
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

static bool items_tagged(const jy_items *l, jy_str tag)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (texts_have(&l->items[i].tags, tag))
            return true;
    return false;
}

bool jy_tag_selects_step(const jy_step *s, jy_str tag)
{
    return texts_have(&s->tags, tag) || items_tagged(&s->thoughts, tag) || items_tagged(&s->pains, tag) ||
           items_tagged(&s->opportunities, tag) || items_tagged(&s->frontstage, tag) ||
           items_tagged(&s->backstage, tag) || items_tagged(&s->support, tag);
}

bool jy_tag_selects_item(const jy_step *s, const jy_item *it, jy_str tag)
{
    return texts_have(&s->tags, tag) || texts_have(&it->tags, tag);
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

/* ---- items --------------------------------------------------------------- */

/* The promise of model.h: an item starts as a jy_text does. */
_Static_assert(offsetof(jy_item, text) == offsetof(jy_text, text) && offsetof(jy_item, loc) == offsetof(jy_text, loc),
               "jy_item starts with a jy_text's text and loc");

uint32_t jy_item_personas(const jy_step *s, const jy_item *it, uint32_t *out)
{
    if (it->kind > JY_ITEM_OPPORTUNITY)
        return 0;
    if (it->personas_listed) {
        memcpy(out, it->personas, it->npersonas * sizeof *out);
        return it->npersonas;
    }
    for (uint32_t k = 0; k < s->nfeel; k++)
        out[k] = s->feel[k].persona;
    return s->nfeel;
}

bool jy_item_concerns(const jy_step *s, const jy_item *it, uint32_t p)
{
    if (it->kind > JY_ITEM_OPPORTUNITY)
        return false;
    if (!it->personas_listed)
        return jy_step_feeling(s, p) != NULL;
    for (uint32_t k = 0; k < it->npersonas; k++)
        if (it->personas[k] == p)
            return true;
    return false;
}

static const char *const item_kinds[] = { "thought", "pain", "opportunity", "frontstage", "backstage", "support" };
static const char *const levels[] = { NULL, "low", "medium", "high", "critical" };
static const char *const statuses[] = { NULL, "idea", "planned", "doing", "done", "dropped" };

const char *jy_item_kind_name(jy_item_kind k)
{
    return (unsigned)k < sizeof item_kinds / sizeof item_kinds[0] ? item_kinds[k] : NULL;
}

const char *jy_level_name(jy_level l)
{
    return (unsigned)l < sizeof levels / sizeof levels[0] ? levels[l] : NULL;
}

const char *jy_status_name(jy_status st)
{
    return (unsigned)st < sizeof statuses / sizeof statuses[0] ? statuses[st] : NULL;
}

jy_level jy_level_parse(jy_str word, bool severity)
{
    unsigned top = severity ? JY_LEVEL_CRITICAL : JY_LEVEL_HIGH;
    for (unsigned l = JY_LEVEL_LOW; l <= top; l++)
        if (jy_str_eqz(word, levels[l]))
            return (jy_level)l;
    return JY_LEVEL_NONE;
}

jy_status jy_status_parse(jy_str word)
{
    for (unsigned st = JY_STATUS_IDEA; st <= JY_STATUS_DROPPED; st++)
        if (jy_str_eqz(word, statuses[st]))
            return (jy_status)st;
    return JY_STATUS_NONE;
}

const char *jy_level_words(bool severity)
{
    return severity ? "low, medium, high or critical" : "low, medium or high";
}

const char *jy_status_words(void)
{
    return "idea, planned, doing, done or dropped";
}

bool jy_item_done(const jy_item *opp)
{
    return opp->kind == JY_ITEM_OPPORTUNITY && opp->status == JY_STATUS_DONE;
}
