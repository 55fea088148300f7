/* lex_text.h - what the scanner makes of a token's text: strings decoded,
 * triple-quoted text dedented, numbers and ranges read, comments and bad
 * characters checked (lex_text.c).  Internal to the front end.
 *
 * Pure functions: they read bytes and return values, and describe each
 * problem as a lex_problem (code, place, message) for the scanner to
 * report (grammar/journey.l).  Offsets in a problem count from the start
 * of the text given. */
#ifndef JOURNEY_LEX_TEXT_H
#define JOURNEY_LEX_TEXT_H

#include "journey/codes.h"
#include "journey/core.h"

typedef struct {
    unsigned code;             /* JY_C_BAD_STRING, JY_C_BAD_UTF8, JY_C_BAD_CHAR, JY_C_BAD_DATE */
    uint32_t off, len;         /* bytes, from the start of the text examined */
    char msg[192];
} lex_problem;

/* Called once per problem, in the order of the text. */
typedef void lex_report_fn(void *ctx, const lex_problem *pb);

/* Checks and decodes string text s[0..n) (between the quotes).  Appends
 * the decoded text to out (when out is not NULL); reports each problem
 * (when report is not NULL).  Returns true if the decoded text differs
 * from s (an escape, a CR LF, a byte dropped or replaced).  A new line is
 * allowed only in triple-quoted text; CR LF there becomes LF. */
bool jy_lex_decode(const char *s, size_t n, jy_buf *out, lex_report_fn *report, void *ctx);

/* The length of the prefix of s[0..n) that is printable ASCII without a
 * backslash: text that is all of it decodes to itself, with no problem.
 * The scanner's fast path (most strings), inline so that it costs no
 * call. */
static inline size_t lex_plain_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '\\' && (unsigned char)s[i] < 0x7F)
        i++;
    return i;
}

/* The lines of triple-quoted text s[0..n) (between the quotes), dedented,
 * appended to out; escapes are left as written. */
void jy_lex_dedent(const char *s, size_t n, jy_buf *out);

/* Triple-quoted text s[0..n): problems reported on the text as written,
 * then dedented and decoded, appended to out. */
void jy_lex_triple_text(const char *s, size_t n, jy_buf *out, lex_report_fn *report, void *ctx);

typedef struct {
    double value;
    bool is_int;               /* written without a fraction */
    bool pct;                  /* written with '%' */
} lex_num;

/* A number as the scanner matches it: [+-]?DIGITS(.DIGITS)?%?.  False if
 * it has more than 15 digits before the point (leading zeros do not
 * count): its value is then zero (with its sign). */
bool jy_lex_parse_number(const char *s, size_t n, lex_num *out);

typedef struct {
    int32_t end[2];            /* lo, hi */
    bool bad[2];               /* more than 1000000: the end reads 0 */
    uint32_t off[2], len[2];   /* each end as written, sign and digits */
} lex_bounds;

/* A range as the scanner matches it: [+-]?DIGITS..[+-]?DIGITS. */
void jy_lex_parse_range(const char *s, size_t n, lex_bounds *out);

/* A date as the scanner matches it: [0-9]+-[0-9]+-[0-9]+.  True, and the
 * day in *days (days since 1970-01-01), for a real day of the proleptic
 * Gregorian calendar written YYYY-MM-DD (years 0001 to 9999); else false,
 * *days 0, and the problem in *pb (when pb is not NULL): the shape, the
 * year, the month or the day. */
bool jy_lex_parse_date(const char *s, size_t n, int32_t *days, lex_problem *pb);
/* Days since 1970-01-01 of a day of the proleptic Gregorian calendar (m
 * 1..12, d 1..31), and back. */
int32_t jy_lex_days_from_civil(int32_t y, int32_t m, int32_t d);
void jy_lex_civil_from_days(int32_t days, int32_t *y, int32_t *m, int32_t *d);

/* A comment s[0..n) ('#' to the end of the line, without the CR): false
 * and its first invalid UTF-8 byte in *pb if it has one. */
bool jy_lex_check_comment(const char *s, size_t n, lex_problem *pb);

/* A run s[0..n) of bytes that start no token: the error to report. */
void jy_lex_check_bad(const char *s, size_t n, lex_problem *pb);

#endif
