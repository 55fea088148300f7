/* journey/model.h - the checked model: what every backend reads.
 *
 * The checker turns a program's syntax trees into this model: names are
 * resolved to indices, defaults applied (the scale, the personas a step
 * concerns, the emotion each of them feels), and every statement kept in
 * its order.  Backends (render, report, export, diff) read only this; the
 * formatter alone reads the syntax tree.  Strings point into the sources
 * or the compilation's arena, and live as long as the compilation.
 */
#ifndef JOURNEY_MODEL_H
#define JOURNEY_MODEL_H

#include "journey/diag.h"

typedef struct {
    jy_str text;
    jy_loc loc;
} jy_text;

typedef struct {
    jy_text *items;
    uint32_t n;
} jy_texts;

/* A file a map names (an image, its baseline): the path as written and
 * the one the toolchain found, which is relative when the map was named
 * by a relative path (the map's directory or an -I directory joined with
 * the path as written; never made absolute).  given: the map names one. */
typedef struct {
    jy_str path;               /* as written */
    jy_str resolved;           /* as found; empty when it was not found */
    jy_loc loc;                /* the string */
    bool given;                /* the statement is there */
    bool invalid;              /* its string had an error (reported) */
} jy_file_ref;

typedef struct {
    jy_str id, title;
    jy_loc loc;                /* the id */
    bool imported;             /* declared in an imported library */
    jy_file_ref image;         /* a picture of the persona */
    jy_str description, quote;
    jy_texts goals, needs, frustrations, behaviors;
} jy_persona;

typedef struct {
    jy_str id, title, kind, description;
    jy_loc loc;
    bool imported;
} jy_channel;

typedef struct {
    jy_str id, title, description;
    jy_loc loc;
    bool imported;
} jy_team;

typedef enum { JY_BETTER_UNSET, JY_BETTER_HIGHER, JY_BETTER_LOWER } jy_better;

typedef struct {
    jy_str id, title, unit, description;
    jy_loc loc;
    bool imported;
    bool has_target;
    double target;
    jy_better better;
} jy_kpi;

/* The fields of the model's structures are ordered by size (strings and
 * pointers, then locations, then 32-bit fields, then flags), so that
 * none holds padding it can do without: a map has hundreds of thousands
 * of steps, feelings and texts. */

typedef struct {
    jy_str text;               /* may be empty */
    jy_loc loc;
    int32_t channel;           /* index, or -1 for free text only */
} jy_touchpoint;

/* How one persona feels at one step. */
typedef struct {
    jy_str label;
    jy_loc loc;
    uint32_t persona;
    int score;
    bool has;                  /* false: no emotion given (missing-emotion) */
    bool shared;               /* comes from an emotion without a persona */
} jy_feeling;

typedef struct {
    double value;
    jy_str spelling;           /* as written, e.g. "34%" */
    jy_loc loc;
    uint32_t kpi;
    bool pct;
} jy_metric;

typedef struct {
    jy_str kind, source;
    jy_loc loc;
} jy_evidence;

/* Severity (of a pain), impact and effort (of an opportunity): one scale,
 * whose value is its rank (low < medium < high < critical; only a
 * severity may be critical).  JY_LEVEL_NONE: not given. */
typedef enum { JY_LEVEL_NONE, JY_LEVEL_LOW, JY_LEVEL_MEDIUM, JY_LEVEL_HIGH, JY_LEVEL_CRITICAL } jy_level;

/* An opportunity's status, in the order work goes: its value is its rank.
 * JY_STATUS_NONE: not given. */
typedef enum {
    JY_STATUS_NONE, JY_STATUS_IDEA, JY_STATUS_PLANNED, JY_STATUS_DOING, JY_STATUS_DONE, JY_STATUS_DROPPED
} jy_status;

/* What an entry of a step's lane is: one of its items (thought, pain,
 * opportunity) or a blueprint action (frontstage, backstage, support). */
typedef enum {
    JY_ITEM_THOUGHT, JY_ITEM_PAIN, JY_ITEM_OPPORTUNITY, JY_ITEM_FRONTSTAGE, JY_ITEM_BACKSTAGE, JY_ITEM_SUPPORT
} jy_item_kind;

/* An entry of a step's lanes: a thought, pain or opportunity (an item), or
 * a frontstage, backstage or support entry of the blueprint.  It starts as
 * a jy_text does (its text, then that text's location), so code that reads
 * only the text reads items and texts alike.  Which fields a kind may set:
 *
 *   all            text, loc, kind, step, tags, owner (owner: opportunity
 *                  and the three blueprint kinds; a step's own owners are
 *                  jy_step.owners)
 *   items          id, personas (thought, pain, opportunity)
 *   pain           severity, solved_by
 *   opportunity    solves, impact, effort, status
 *
 * Unset values: an empty id, JY_LEVEL_NONE, JY_STATUS_NONE, owner -1. */
typedef struct jy_item {
    jy_str text;
    jy_loc loc;                /* the text */
    jy_str id;                 /* empty: none (an item's id is never derived);
                                  unique among the journey's items, a
                                  namespace apart from step ids */
    jy_loc id_loc;             /* the id, when there is one */
    uint32_t *personas;        /* personas_listed: the personas listed, as
                                  indices in declaration order, each once
                                  (all of them among its step's); without a
                                  list the item concerns all of its step's
                                  personas: see jy_item_personas */
    jy_texts tags;             /* free words, in the order first written, each once */
    const struct jy_item **solves;    /* opportunity: the pains it solves, in the
                                         order written, each once */
    const struct jy_item **solved_by; /* pain: the opportunities that solve it,
                                         in journey order */
    jy_loc owner_loc;          /* the owner's name, when owner >= 0 */
    uint32_t npersonas, nsolves, nsolved_by;
    uint32_t step;             /* index of its step in jy_model.steps */
    int32_t owner;             /* a team index, or -1 */
    uint8_t kind;              /* jy_item_kind */
    uint8_t severity;          /* jy_level: pain */
    uint8_t impact, effort;    /* jy_level: opportunity */
    uint8_t status;            /* jy_status: opportunity */
    bool personas_listed;      /* has a persona statement */
    bool solves_listed;        /* opportunity: has a solves statement */
} jy_item;

typedef struct {
    jy_item *items;
    uint32_t n;
} jy_items;

typedef struct {
    jy_str id, title;
    jy_str description;
    jy_str mood_label;         /* see mood */
    jy_feeling *feel;          /* one per persona it concerns, in declaration order */
    jy_touchpoint *touchpoints;
    uint32_t *owners;
    jy_metric *metrics;
    jy_evidence *evidence;
    jy_items thoughts, pains, opportunities;   /* the step's items */
    jy_items frontstage, backstage, support;   /* its blueprint */
    jy_texts notes;
    jy_texts artifacts;        /* blueprint: physical evidence */
    jy_texts tags;             /* free words, in the order first written; a
                                  tag given twice in a step is kept once */
    jy_str moment;             /* has_moment: the moment of truth's text,
                                  empty when written without one */
    jy_loc moment_loc;         /* the moment statement */
    jy_file_ref image;         /* a storyboard sketch */
    jy_loc loc;                /* the id as written, or the title when the
                                  id is derived from it */
    uint32_t stage;            /* index of its stage */
    uint32_t nfeel, ntouchpoints, nowners, nmetrics, nevidence;
    int mood;                  /* has_mood: an emotion without persona (the only */
    bool has_mood;             /* way to give one when the journey has no persona) */
    bool id_derived;
    bool personas_listed;      /* has a persona statement */
    bool has_moment;           /* a moment of truth */
} jy_step;

typedef struct {
    jy_str id, title;
    bool id_derived;
    jy_loc loc;
    jy_str description;
    jy_texts goals;
    uint32_t first_step, nsteps;
} jy_stage;

/* What a map shows (its meaning); state_word keeps how the author said it. */
typedef enum { JY_STATE_CURRENT, JY_STATE_FUTURE } jy_state;

/* A date as a map writes it: YYYY-MM-DD, a real day. */
typedef struct {
    jy_str spelling;           /* as written, "2026-11-02"; empty: none given */
    jy_loc loc;                /* the date */
    int32_t days;              /* since 1970-01-01 */
    bool set;
} jy_date;

typedef struct jy_model {
    bool has_journey;          /* false: a library */
    jy_str title, description;
    jy_loc loc;
    jy_state state;
    jy_str state_word;         /* as written: current, future, as-is or to-be ("current" when absent) */
    int scale_lo, scale_hi;
    jy_persona *personas;
    uint32_t npersonas;
    jy_channel *channels;
    uint32_t nchannels;
    jy_team *teams;
    uint32_t nteams;
    jy_kpi *kpis;
    uint32_t nkpis;
    jy_stage *stages;
    uint32_t nstages;
    jy_step *steps;            /* all steps, stage by stage */
    uint32_t nsteps;
    /* The journey's review: the last one and when the next one is due. */
    jy_date reviewed, next_review;
    jy_loc owner_loc;          /* the journey's `owner`, the team's name */
    int32_t owner;             /* the team that owns the whole journey: an
                                  index, or -1 for none */
    /* The map this one improves on (`baseline`): the file, and its checked
     * model when it checked without errors (else NULL).  A baseline's own
     * baseline is not loaded: baseline->baseline is NULL. */
    jy_file_ref baseline_file;
    struct jy_model *baseline;
} jy_model;

/* ---- facts every back end shows the same way (src/check/model.c) ------- */

/* What a declaration or step is called: its title, or its id when the
 * title is empty. */
jy_str jy_display_name(jy_str title, jy_str id);

/* How persona p feels at step s, as given: false when the step does not
 * concern p or gives p no emotion.  p = JY_MOOD asks for the step's own
 * emotion (its "mood": an emotion without persona, the only kind a map
 * without personas has).  label may be NULL. */
#define JY_MOOD (-1)
bool jy_step_score(const jy_step *s, int32_t p, int *score, jy_str *label);
/* The feeling of persona p at step s (s->feel is in persona order), or
 * NULL when the step does not concern p. */
const jy_feeling *jy_step_feeling(const jy_step *s, uint32_t p);
/* Who feels what at a step, one view for both kinds of map: one entry per
 * persona the step concerns, in persona order, or, when it concerns none
 * (a journey without personas), one entry for its mood with persona
 * JY_MOOD.  v has room for max(s->nfeel, 1) entries; returns the count. */
typedef struct {
    int32_t persona;           /* an index, or JY_MOOD */
    bool has;                  /* false: no emotion given */
    int score;
    jy_str label;
} jy_feel_view;
uint32_t jy_step_views(const jy_step *s, jy_feel_view *v);

/* Items and blueprint entries.
 *
 * Whom an item concerns: the personas it lists, or without a list all the
 * personas of its step (none in a journey without personas).  Fills out,
 * which has room for the step's nfeel, with persona indices in
 * declaration order; returns the count.  A blueprint entry concerns no
 * persona. */
uint32_t jy_item_personas(const jy_step *s, const jy_item *it, uint32_t *out);
/* Whether item it (of step s) concerns persona p. */
bool jy_item_concerns(const jy_step *s, const jy_item *it, uint32_t p);
/* The words a map writes: "thought" ... "support"; "low" ... "critical";
 * "idea" ... "dropped".  NULL for JY_LEVEL_NONE, JY_STATUS_NONE or a value
 * out of range. */
const char *jy_item_kind_name(jy_item_kind k);
const char *jy_level_name(jy_level l);
const char *jy_status_name(jy_status st);
/* The value of a word: severity takes low, medium, high, critical; impact
 * and effort take low, medium, high (severity false); status takes idea,
 * planned, doing, done, dropped.  JY_LEVEL_NONE / JY_STATUS_NONE for any
 * other word.  The words a statement takes, as one list ("low, medium or
 * high"), for messages. */
jy_level jy_level_parse(jy_str word, bool severity);
jy_status jy_status_parse(jy_str word);
const char *jy_level_words(bool severity);
const char *jy_status_words(void);
/* Whether an opportunity has delivered: its status is done. */
bool jy_item_done(const jy_item *opp);

/* Whether a metric meets its kpi's target: 1 met, 0 missed, -1 cannot
 * tell (the kpi has no target or no `better`).  `better higher` is met
 * when value >= target, `better lower` when value <= target; the value is
 * compared as written (34% compares as 34). */
int jy_metric_met(const jy_model *m, const jy_metric *mt);

/* --tag NAME, as every back end reads it.  A step stays when it carries
 * the tag, or one of its items or blueprint entries does; an entry of a
 * step that stays (item or blueprint entry) stays when it or its step
 * carries the tag.  So `--tag checkout` keeps a tagged step whole, and of
 * an untagged step only the tagged pain, as its context. */
bool jy_tag_selects_step(const jy_step *s, jy_str tag);
bool jy_tag_selects_item(const jy_step *s, const jy_item *it, jy_str tag);

/* Numbers as every output writes them: at most 15 significant digits, C
 * locale whatever the host program set, no trailing zeros, never "-0";
 * buf holds 32 bytes. */
const char *jy_format_number(char *buf, double v);
/* A mean: two decimals, C locale, never "-0.00"; buf holds 32 bytes. */
const char *jy_format_mean(char *buf, double v);
/* A unit after a number: "%" follows it directly ("34%"), any other unit
 * after a space ("3 days"); nothing for an empty unit. */
void jy_append_unit(jy_buf *b, jy_str unit);
/* A metric's value as written, with its kpi's unit unless written with %:
 * "34%", "3.5 days", "41". */
void jy_append_metric_value(jy_buf *b, const jy_model *m, const jy_metric *mt);
/* A touchpoint as a phrase: "Channel: text", "Channel" or "text". */
void jy_append_touchpoint(jy_buf *b, const jy_model *m, const jy_touchpoint *tp);

#endif
