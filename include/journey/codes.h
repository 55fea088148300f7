/* journey/codes.h - every diagnostic the language can produce.
 *
 * Each entry: enum name, stable code (used by -W, JSON, SARIF and GitHub
 * output), warning?, on by default?, one-line summary.  Codes are part of
 * the command-line contract: never rename one; new ones go at the end, so
 * that the others keep their index (SARIF's ruleIndex).
 */
#ifndef JOURNEY_CODES_H
#define JOURNEY_CODES_H

#include "journey/diag.h"

#define JY_CODE_LIST(X)                                                                          \
    X(SYNTAX, "syntax-error", 0, 1, "The text does not follow the grammar of the language")      \
    X(BAD_CHAR, "invalid-character", 0, 1, "A character that cannot start any token")            \
    X(BAD_UTF8, "invalid-utf8", 0, 1, "Bytes that are not valid UTF-8")                          \
    X(BAD_STRING, "invalid-string", 0, 1, "An unterminated string or an invalid escape")          \
    X(BAD_NUMBER, "invalid-number", 0, 1, "A number too large to be represented")                \
    X(MISPLACED, "misplaced-statement", 0, 1, "A statement in a block where it does not belong") \
    X(LIMIT, "limit-exceeded", 0, 1, "Nesting or import depth beyond the toolchain's limits")   \
    X(IMPORT_MISSING, "import-not-found", 0, 1, "An imported file that cannot be found or read") \
    X(IMPORT_CYCLE, "import-cycle", 0, 1, "Files that import each other")                       \
    X(IMPORT_JOURNEY, "import-journey", 0, 1, "An imported file that contains a journey")        \
    X(UNKNOWN_PERSONA, "unknown-persona", 0, 1, "A reference to an undeclared persona")          \
    X(UNKNOWN_CHANNEL, "unknown-channel", 0, 1, "A reference to an undeclared channel")          \
    X(UNKNOWN_TEAM, "unknown-team", 0, 1, "A reference to an undeclared team")                   \
    X(UNKNOWN_KPI, "unknown-kpi", 0, 1, "A reference to an undeclared kpi")                      \
    X(DUPLICATE_ID, "duplicate-id", 0, 1, "Two declarations of one kind with the same id")       \
    X(REPEATED, "repeated-statement", 0, 1, "A statement that may appear once, repeated")        \
    X(BAD_EMOTION, "invalid-emotion", 0, 1, "An emotion that is not an integer")                 \
    X(EMOTION_RANGE, "emotion-out-of-range", 0, 1, "An emotion outside the journey's scale")     \
    X(EMOTION_PERSONA, "emotion-persona", 0, 1, "An emotion for a persona the step does not concern") \
    X(BAD_SCALE, "invalid-scale", 0, 1, "A scale whose low end is not below its high end")       \
    X(BAD_STATE, "invalid-state", 0, 1, "A state other than current, future, as-is or to-be")    \
    X(BAD_BETTER, "invalid-better", 0, 1, "A kpi direction other than higher or lower")          \
    X(UNUSED_PERSONA, "unused-persona", 1, 1, "A persona that no step concerns")                 \
    X(UNUSED_CHANNEL, "unused-channel", 1, 1, "A channel that no touchpoint uses")               \
    X(UNUSED_TEAM, "unused-team", 1, 1, "A team that owns no step")                              \
    X(UNUSED_KPI, "unused-kpi", 1, 1, "A kpi that no metric measures")                           \
    X(EMPTY_STAGE, "empty-stage", 1, 1, "A stage with no step")                                  \
    X(NO_PERSONA, "no-persona", 1, 1, "A journey with no persona")                               \
    X(MISSING_EMOTION, "missing-emotion", 1, 1, "A step with no emotion for one of its personas") \
    X(UNADDRESSED_PAIN, "unaddressed-pain", 1, 0, "A step with a pain but no opportunity")       \
    X(NO_EVIDENCE, "no-evidence", 1, 0, "A step with no evidence")                               \
    X(EMOTION_CLIFF, "emotion-cliff", 1, 0, "An emotion that falls by 3 or more from one step to the next") \
    X(IMPORT_OUTSIDE_ROOT, "import-outside-root", 0, 1, "An import, baseline or image that resolves outside the import root") \
    X(IMPORT_NOT_MAP, "import-not-journey", 0, 1, "An imported file, not named .journey, that is not journey text") \
    X(BAD_DATE, "invalid-date", 0, 1, "A date that is not a day of the calendar written YYYY-MM-DD")     \
    X(REVIEW_ORDER, "review-order", 0, 1, "A next review dated before the last review")                 \
    X(OVERDUE_REVIEW, "overdue-review", 1, 1, "A journey whose next review is past")                    \
    X(NO_REVIEW, "no-review", 1, 0, "A journey with no review date")                                  \
    X(UNKNOWN_PAIN, "unknown-pain", 0, 1, "A 'solves' that names no pain of the journey")               \
    X(ITEM_PERSONA, "item-persona", 0, 1, "An item for a persona its step does not concern")            \
    X(BAD_SEVERITY, "invalid-severity", 0, 1, "A severity other than low, medium, high or critical")    \
    X(BAD_IMPACT, "invalid-impact", 0, 1, "An impact other than low, medium or high")                   \
    X(BAD_EFFORT, "invalid-effort", 0, 1, "An effort other than low, medium or high")                   \
    X(BAD_STATUS, "invalid-status", 0, 1, "A status other than idea, planned, doing, done or dropped")  \
    X(UNSOLVED_PAIN, "unsolved-pain", 1, 0, "A pain with an id that no opportunity solves")             \
    X(UNSOLVED_SEVERE_PAIN, "unsolved-severe-pain", 1, 1, "A high or critical pain that no opportunity solves") \
    X(ORPHAN_OPPORTUNITY, "orphan-opportunity", 1, 0, "An opportunity that solves nothing, where others name what they solve") \
    X(BASELINE_MISSING, "baseline-not-found", 0, 1, "A baseline map that cannot be found or read")      \
    X(BASELINE_SELF, "baseline-self", 0, 1, "A map that names itself as its baseline")                  \
    X(BASELINE_LIBRARY, "baseline-not-journey", 0, 1, "A baseline file that holds no journey")          \
    X(BASELINE_ERRORS, "baseline-errors", 0, 1, "A baseline map that has errors")                       \
    X(BASELINE_STATE, "baseline-state", 1, 1, "A baseline that is not a current map, or a map with a baseline that is not a future one") \
    X(IMAGE_MISSING, "image-not-found", 0, 1, "An image that cannot be found, or that is not a regular file") \
    X(BAD_IMAGE, "invalid-image", 0, 1, "An image whose name does not end in .png, .jpg, .jpeg or .svg, or that render cannot draw")

typedef enum {
#define JY_CODE_ENUM(id, name, warn, on, summary) JY_C_##id,
    JY_CODE_LIST(JY_CODE_ENUM)
#undef JY_CODE_ENUM
    JY_C_COUNT
} jy_code;

extern const jy_diag_code jy_codes[JY_C_COUNT];

/* A diagnostics engine set up with the language's catalog. */
jy_diags *jy_diags_new(void);

#endif
