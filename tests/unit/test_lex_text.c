/* test_lex_text.c - the scanner's reading of text (src/front/lex_text.c),
 * asserted on decoded bytes, values and the problems described, without
 * the scanner: escapes, forbidden characters, invalid UTF-8, dedent of
 * triple-quoted text, numbers, ranges, dates, comments and bad
 * characters. */
#include "check.h"
#include "lex_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBLEMS 8

typedef struct {
    jy_buf out;
    bool changed;
    int n;                              /* problems reported */
    lex_problem pb[MAX_PROBLEMS];
} result;

static void collect(void *ctx, const lex_problem *pb)
{
    result *r = ctx;
    if (r->n < MAX_PROBLEMS)
        r->pb[r->n] = *pb;
    r->n++;
}

static jy_str text_of(const result *r)
{
    return jy_str_make(r->out.p ? r->out.p : "", r->out.len);
}

/* jy_lex_decode of s[0..n), as the scanner calls it. */
static result decode_n(const char *s, size_t n)
{
    result r = { 0 };
    r.changed = jy_lex_decode(s, n, &r.out, collect, &r);
    /* Without an output and a report, the same answer. */
    CHECK(jy_lex_decode(s, n, NULL, NULL, NULL) == r.changed);
    return r;
}

static result decode(const char *s)
{
    return decode_n(s, strlen(s));
}

static result triple(const char *s)
{
    result r = { 0 };
    jy_lex_triple_text(s, strlen(s), &r.out, collect, &r);
    return r;
}

static result dedent(const char *s)
{
    result r = { 0 };
    jy_lex_dedent(s, strlen(s), &r.out);
    return r;
}

static void done(result *r)
{
    jy_buf_free(&r->out);
}

/* Exactly one problem, of this code, place and message. */
static void check_problem(const result *r, unsigned code, uint32_t off, uint32_t len, const char *msg)
{
    CHECK(r->n == 1);
    if (r->n < 1)
        return;
    CHECK(r->pb[0].code == code);
    CHECK(r->pb[0].off == off);
    CHECK(r->pb[0].len == len);
    CHECK_STR(jy_str_make(r->pb[0].msg, strlen(r->pb[0].msg)), msg);
}

#define UNKNOWN_ESCAPE(e) "unknown escape sequence '" e "'; the escapes are \\\" \\\\ \\n \\t and \\u{...}"
#define INVALID_UNICODE \
    "invalid Unicode escape; write \\u{...} with 1 to 6 hex digits of a character other than NUL or a surrogate"

static void test_plain(void)
{
    /* No escape: the text as written, unchanged (the scanner then points
     * into the source). */
    static const char *const plain[] = {
        "", "Plain text", "caf\xC3\xA9 \xF0\x9F\x98\x80", "tab\there", "'single' #not a comment",
        "\xF4\x8F\xBF\xBD",   /* U+10FFFD, the last character that is not a noncharacter */
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        result r = decode(plain[i]);
        CHECK(!r.changed && r.n == 0);
        CHECK_STR(text_of(&r), plain[i]);
        done(&r);
    }

    /* The scanner's fast path: printable ASCII without a backslash. */
    CHECK(lex_plain_prefix("", 0) == 0);
    CHECK(lex_plain_prefix("Plain text, 100% ~ok!", 21) == 21);
    CHECK(lex_plain_prefix("ab\\n", 4) == 2);
    CHECK(lex_plain_prefix("ab\tc", 4) == 2);
    CHECK(lex_plain_prefix("caf\xC3\xA9", 5) == 3);
    CHECK(lex_plain_prefix("a\x7F", 2) == 1);
    CHECK(lex_plain_prefix("\x1F", 1) == 0);
    CHECK(lex_plain_prefix("ab", 1) == 1);   /* n, not the NUL, ends it */
}

static void test_escapes(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "a\\nb", "a\nb" },
        { "a\\tb", "a\tb" },
        { "say \\\"hi\\\"", "say \"hi\"" },
        { "back\\\\slash", "back\\slash" },
        { "\\u{41}", "A" },
        { "\\u{e9}\\u{E9}", "\xC3\xA9\xC3\xA9" },
        { "\\u{20AC}", "\xE2\x82\xAC" },
        { "\\u{1F600}", "\xF0\x9F\x98\x80" },
        { "\\u{00000A}", "\n" },           /* six digits, leading zeros */
        { "\\u{10FFFD}", "\xF4\x8F\xBF\xBD" },
        { "\\\\n", "\\n" },                /* an escaped backslash, then n */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        result r = decode(cases[i].in);
        if (r.n)
            fprintf(stderr, "escape case %zu: %s\n", i, r.pb[0].msg);
        CHECK(r.changed && r.n == 0);
        CHECK_STR(text_of(&r), cases[i].out);
        done(&r);
    }
}

static void test_unknown_escapes(void)
{
    /* Reported at the backslash, with the character after it; the escape
     * leaves nothing in the text. */
    result r = decode("a\\qb");
    CHECK(r.changed);
    check_problem(&r, JY_C_BAD_STRING, 1, 2, UNKNOWN_ESCAPE("\\q"));
    CHECK_STR(text_of(&r), "ab");
    done(&r);

    r = decode("\\\xC3\xA9!");   /* a whole character after it */
    check_problem(&r, JY_C_BAD_STRING, 0, 3, UNKNOWN_ESCAPE("\\\xC3\xA9"));
    CHECK_STR(text_of(&r), "!");
    done(&r);

    r = decode("end\\");   /* ends the text (an unterminated string) */
    check_problem(&r, JY_C_BAD_STRING, 3, 1, UNKNOWN_ESCAPE("\\"));
    CHECK_STR(text_of(&r), "end");
    done(&r);

    r = decode("a\\\nb");   /* ends the line (triple-quoted text) */
    check_problem(&r, JY_C_BAD_STRING, 1, 1, UNKNOWN_ESCAPE("\\"));
    CHECK_STR(text_of(&r), "a\nb");
    done(&r);

    r = decode("a\\\r\nb");   /* before a CR: shown alone, spans both */
    check_problem(&r, JY_C_BAD_STRING, 1, 2, UNKNOWN_ESCAPE("\\"));
    CHECK_STR(text_of(&r), "a\nb");
    done(&r);

    /* Every problem is reported, each at its own place. */
    r = decode("\\x\\y");
    CHECK(r.n == 2 && r.pb[0].off == 0 && r.pb[1].off == 2);
    done(&r);
}

static void test_unicode_escapes(void)
{
    static const struct {
        const char *in;
        uint32_t len;      /* of the problem, from the backslash */
        const char *rest;  /* the text decoded */
    } bad[] = {
        { "\\u{}", 4, "" },
        { "\\u41", 2, "41" },                 /* no braces */
        { "\\u{110000}", 10, "" },            /* beyond Unicode */
        { "\\u{1234567}", 11, "" },           /* seven digits */
        { "\\u{0000041}", 11, "" },           /* seven, even with zeros */
        { "\\u{12345678}", 10, "8}" },        /* more: cut after seven */
        { "\\u{zz}", 3, "zz}" },              /* not hex */
        { "\\u{20", 5, "" },                  /* not closed */
        { "\\u", 2, "" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        result r = decode(bad[i].in);
        if (r.n != 1 || r.pb[0].len != bad[i].len)
            fprintf(stderr, "unicode case %zu: %d problems, length %u\n", i, r.n, r.n ? r.pb[0].len : 0);
        CHECK(r.changed);
        check_problem(&r, JY_C_BAD_STRING, 0, bad[i].len, INVALID_UNICODE);
        CHECK_STR(text_of(&r), bad[i].rest);
        done(&r);
    }
}

static void test_forbidden(void)
{
    /* Well-formed escapes of characters text may not hold: an error that
     * quotes the escape, and nothing in the text. */
    static const struct {
        const char *in, *msg;
    } escaped[] = {
        { "\\u{0}", "'\\u{0}' is a control character, which a map's text cannot hold" },
        { "\\u{1b}", "'\\u{1b}' is a control character, which a map's text cannot hold" },
        { "\\u{7F}", "'\\u{7F}' is a control character, which a map's text cannot hold" },
        { "\\u{85}", "'\\u{85}' is a control character, which a map's text cannot hold" },
        { "\\u{D800}", "'\\u{D800}' is a surrogate, which a map's text cannot hold" },
        { "\\u{DFFF}", "'\\u{DFFF}' is a surrogate, which a map's text cannot hold" },
        { "\\u{FDD0}", "'\\u{FDD0}' is a noncharacter, which a map's text cannot hold" },
        { "\\u{FFFE}", "'\\u{FFFE}' is a noncharacter, which a map's text cannot hold" },
        { "\\u{10FFFF}", "'\\u{10FFFF}' is a noncharacter, which a map's text cannot hold" },
    };
    for (size_t i = 0; i < sizeof escaped / sizeof escaped[0]; i++) {
        char in[32];
        snprintf(in, sizeof in, "a%sb", escaped[i].in);
        result r = decode(in);
        CHECK(r.changed);
        check_problem(&r, JY_C_BAD_STRING, 1, (uint32_t)strlen(escaped[i].in), escaped[i].msg);
        CHECK_STR(text_of(&r), "ab");
        done(&r);
    }

    /* The same characters written raw. */
    static const struct {
        const char *in;
        uint32_t len;
        const char *msg;
    } raw[] = {
        { "\x01", 1, "control character (U+0001) in string" },
        { "\x1B", 1, "control character (U+001B) in string" },
        { "\x7F", 1, "control character (U+007F) in string" },
        { "\r", 1, "control character (U+000D) in string" },   /* a CR not before a LF */
        { "\xC2\x85", 2, "control character (U+0085) in string" },
        { "\xEF\xB7\x90", 3, "noncharacter (U+FDD0) in string" },
        { "\xEF\xBF\xBE", 3, "noncharacter (U+FFFE) in string" },
        { "\xF4\x8F\xBF\xBF", 4, "noncharacter (U+10FFFF) in string" },
    };
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        char in[32];
        snprintf(in, sizeof in, "ab%scd", raw[i].in);
        result r = decode(in);
        CHECK(r.changed);
        check_problem(&r, JY_C_BAD_STRING, 2, raw[i].len, raw[i].msg);
        CHECK_STR(text_of(&r), "abcd");
        done(&r);
    }

    /* A NUL byte (jy_front_parse turns them into spaces before the scanner
     * runs; the decoder still refuses one). */
    result r = decode_n("a\0b", 3);
    check_problem(&r, JY_C_BAD_STRING, 1, 1, "control character (NUL byte) in string");
    CHECK_STR(text_of(&r), "ab");
    done(&r);
}

static void test_invalid_utf8(void)
{
    /* Each byte that starts no valid sequence: an error, and U+FFFD in
     * the text. */
    result r = decode("a\xFF" "b");
    check_problem(&r, JY_C_BAD_UTF8, 1, 1, "invalid UTF-8 byte 0xFF in string");
    CHECK_STR(text_of(&r), "a\xEF\xBF\xBD" "b");
    CHECK(r.changed);
    done(&r);

    r = decode("\xE2\x82");   /* a cut sequence: two bytes, two errors */
    CHECK(r.n == 2 && r.pb[0].off == 0 && r.pb[1].off == 1);
    CHECK(strcmp(r.pb[1].msg, "invalid UTF-8 byte 0x82 in string") == 0);
    CHECK_STR(text_of(&r), "\xEF\xBF\xBD\xEF\xBF\xBD");
    done(&r);

    r = decode("\xED\xA0\x80");   /* a surrogate encoded: not UTF-8 */
    CHECK(r.n == 3 && r.pb[0].code == JY_C_BAD_UTF8);
    done(&r);

    r = decode("\xC0\xAF");   /* overlong */
    CHECK(r.n == 2 && r.pb[0].code == JY_C_BAD_UTF8);
    done(&r);
}

static void test_line_ends(void)
{
    /* A new line and a tab stay; CR LF becomes LF (a change). */
    result r = decode("a\nb\tc");
    CHECK(!r.changed && r.n == 0);
    CHECK_STR(text_of(&r), "a\nb\tc");
    done(&r);
    r = decode("a\r\nb\r\n");
    CHECK(r.changed && r.n == 0);
    CHECK_STR(text_of(&r), "a\nb\n");
    done(&r);
}

static void test_dedent(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        /* Blank first and last lines dropped, common indentation removed,
         * a blank line inside kept, empty. */
        { "\n    First line\n      indented\n\n    last\n    ", "First line\n  indented\n\nlast" },
        { "one line", "one line" },
        { "", "" },
        /* Text on the line of the opening quotes does not count in the
         * indentation, and loses what the others lose. */
        { "First\n\t\tsecond\n\n\t\tthird", "First\nsecond\n\nthird" },
        { "  First\n    second\n    third", "First\nsecond\nthird" },
        { "First\n  second\n    third", "First\nsecond\n  third" },
        /* A first line that holds spaces only is dropped too. */
        { "   \n  a\n  b", "a\nb" },
        /* Tabs and spaces each count as one. */
        { "\n\ta\n  b\n", "a\n b" },
        { "\n  a\n\t\tb\n", "a\nb" },
        /* Blank lines do not count in the indentation. */
        { "\n    a\n\n  \n    b\n", "a\n\n\nb" },
        /* A last line with text is kept, and so is the text before it. */
        { "\n  a\n  b", "a\nb" },
        { "\n  a\n  b  ", "a\nb  " },
        /* Only a blank line: empty text. */
        { "\n   ", "" },
        { "\n", "" },
        /* No line to measure: nothing removed. */
        { "   ", "   " },
        /* Escapes are not indentation, and stay as written. */
        { "\n    \\tx\n    y\n  ", "\\tx\ny" },
        /* CR LF: a CR before a line's end stays (the decoder drops it),
         * but the one before the closing quotes' line goes. */
        { "\r\n    a\r\n    b\r\n  ", "a\r\nb" },
        { "\r\n  a\r\n\r\n  b\r\n", "a\r\n\r\nb" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        result r = dedent(cases[i].in);
        if (r.out.len != strlen(cases[i].out) || memcmp(r.out.p ? r.out.p : "", cases[i].out, r.out.len) != 0)
            fprintf(stderr, "dedent case %zu\n", i);
        CHECK_STR(text_of(&r), cases[i].out);
        done(&r);
    }
}

static void test_triple(void)
{
    /* Dedented, then decoded. */
    result r = triple("\n    First line\n      indented \"quoted\" line\n\n    last \\u{e9}\n    ");
    CHECK(r.n == 0);
    CHECK_STR(text_of(&r), "First line\n  indented \"quoted\" line\n\nlast \xC3\xA9");
    done(&r);

    r = triple("\r\n    a\r\n    b\r\n  ");
    CHECK(r.n == 0);
    CHECK_STR(text_of(&r), "a\nb");
    done(&r);

    r = triple("First\n\t\tsecond\\t(tab)\n\n\t\tthird");
    CHECK_STR(text_of(&r), "First\nsecond\t(tab)\n\nthird");
    done(&r);

    /* Problems are reported once, where they are in the text as written
     * (not in the dedented text). */
    r = triple("\n    a\\q\n    b\x01");
    CHECK(r.n == 2);
    CHECK(r.pb[0].off == 6 && r.pb[0].len == 2 && r.pb[0].code == JY_C_BAD_STRING);
    CHECK(r.pb[1].off == 14 && r.pb[1].len == 1);
    CHECK_STR(text_of(&r), "a\nb");
    done(&r);

    /* A backslash at the end of a line. */
    r = triple("\n  a\\\n  b\n");
    check_problem(&r, JY_C_BAD_STRING, 4, 1, UNKNOWN_ESCAPE("\\"));
    CHECK_STR(text_of(&r), "a\nb");
    done(&r);
}

static void test_numbers(void)
{
    static const struct {
        const char *in;
        double value;
        bool is_int, pct;
    } ok[] = {
        { "0", 0, true, false },
        { "42", 42, true, false },
        { "+3", 3, true, false },
        { "-3", -3, true, false },
        { "007", 7, true, false },
        { "85.5", 85.5, false, false },
        { "+85.5", 85.5, false, false },
        { "1.0", 1, false, false },
        { "34%", 34, true, true },
        { "-12.5%", -12.5, false, true },
        { "999999999999999", 999999999999999.0, true, false },   /* 15 digits */
        { "999999999999999.75", 999999999999999.75, false, false },
        { "0000000000000000001", 1, true, false },              /* leading zeros do not count */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        lex_num v;
        bool good = jy_lex_parse_number(ok[i].in, strlen(ok[i].in), &v);
        if (!good || v.value != ok[i].value || v.is_int != ok[i].is_int || v.pct != ok[i].pct)
            fprintf(stderr, "number case %zu (%s): %d %.17g %d %d\n", i, ok[i].in, good, v.value, v.is_int, v.pct);
        CHECK(good && v.value == ok[i].value && v.is_int == ok[i].is_int && v.pct == ok[i].pct);
    }

    /* Digits beyond the twelfth after the point are not read. */
    lex_num v;
    CHECK(jy_lex_parse_number("0.1234567890123456", 18, &v));
    CHECK(fabs(v.value - 0.123456789012) < 1e-15);

    /* More than 15 digits before the point: false, and zero with the
     * sign written. */
    static const char *const big[] = { "1000000000000000", "12345678901234567890.5%", "+1000000000000000",
                                       "-1000000000000000" };
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        CHECK(!jy_lex_parse_number(big[i], strlen(big[i]), &v));
        CHECK(v.value == 0 && (signbit(v.value) != 0) == (big[i][0] == '-'));
    }
    CHECK(!jy_lex_parse_number("12345678901234567890.5%", 23, &v) && !v.is_int && v.pct);
}

static void test_ranges(void)
{
    lex_bounds b;
    jy_lex_parse_range("1..5", 4, &b);
    CHECK(b.end[0] == 1 && b.end[1] == 5 && !b.bad[0] && !b.bad[1]);

    jy_lex_parse_range("-3..+3", 6, &b);
    CHECK(b.end[0] == -3 && b.end[1] == 3 && !b.bad[0] && !b.bad[1]);
    CHECK(b.off[0] == 0 && b.len[0] == 2 && b.off[1] == 4 && b.len[1] == 2);

    jy_lex_parse_range("-1000000..1000000", 17, &b);
    CHECK(b.end[0] == -1000000 && b.end[1] == 1000000 && !b.bad[0] && !b.bad[1]);

    /* An end beyond a million: bad, read as 0, its place given. */
    jy_lex_parse_range("0..1000001", 10, &b);
    CHECK(!b.bad[0] && b.bad[1] && b.end[1] == 0 && b.off[1] == 3 && b.len[1] == 7);
    jy_lex_parse_range("-1234567890123456789..-2", 24, &b);
    CHECK(b.bad[0] && b.end[0] == 0 && b.off[0] == 0 && b.len[0] == 20);
    CHECK(!b.bad[1] && b.end[1] == -2 && b.off[1] == 22 && b.len[1] == 2);
    jy_lex_parse_range("2000000..3000000", 16, &b);
    CHECK(b.bad[0] && b.bad[1]);
}

static bool date_ok(const char *s, int32_t *days)
{
    lex_problem pb;
    return jy_lex_parse_date(s, strlen(s), days, &pb);
}

/* The problem of a date that is not one: its place, and the start of its
 * message. */
static void date_bad(const char *s, uint32_t off, uint32_t len, const char *msg)
{
    lex_problem pb = { 0 };
    int32_t days = 7;
    CHECK(!jy_lex_parse_date(s, strlen(s), &days, &pb));
    CHECK(days == 0);
    CHECK(pb.code == JY_C_BAD_DATE && pb.off == off && pb.len == len);
    CHECK(strncmp(pb.msg, msg, strlen(msg)) == 0);
    CHECK(!jy_lex_parse_date(s, strlen(s), &days, NULL));
}

static void test_dates(void)
{
    int32_t d;
    CHECK(date_ok("1970-01-01", &d) && d == 0);
    CHECK(date_ok("1970-01-02", &d) && d == 1);
    CHECK(date_ok("1969-12-31", &d) && d == -1);
    CHECK(date_ok("2026-11-02", &d) && d == 20759);
    CHECK(date_ok("2000-03-01", &d) && d == 11017);
    CHECK(date_ok("0001-01-01", &d) && d == -719162);
    CHECK(date_ok("9999-12-31", &d) && d == 2932896);
    /* Leap years: every 4th, not every 100th, every 400th. */
    CHECK(date_ok("2024-02-29", &d));
    CHECK(date_ok("2000-02-29", &d));
    CHECK(date_ok("1600-02-29", &d));
    date_bad("2100-02-29", 8, 2, "there is no day 29 in February 2100, which has 28 days");
    date_bad("1900-02-29", 8, 2, "there is no day 29 in February 1900");
    date_bad("2026-02-29", 8, 2, "there is no day 29 in February 2026");
    date_bad("2026-02-30", 8, 2, "there is no day 30 in February 2026");
    date_bad("2026-04-31", 8, 2, "there is no day 31 in April 2026, which has 30 days");
    date_bad("2026-01-00", 8, 2, "there is no day 00 in January 2026");
    date_bad("2026-12-32", 8, 2, "there is no day 32 in December 2026");
    date_bad("2026-13-01", 5, 2, "there is no month 13;");
    date_bad("2026-00-10", 5, 2, "there is no month 00;");
    date_bad("9999-99-99", 5, 2, "there is no month 99;");
    date_bad("0000-01-01", 0, 4, "there is no year 0000;");
    /* Other shapes of three parts: the whole is not a date. */
    date_bad("2026-1-1", 0, 8, "'2026-1-1' is not a date; write it YYYY-MM-DD");
    date_bad("20260-01-01", 0, 11, "'20260-01-01' is not a date");
    date_bad("2026-11-023", 0, 11, "'2026-11-023' is not a date");
    date_bad("123456789012345678901234567890123456789012345-01-01", 0, 51,
             "'1234567890123456789012345678901234567890...' is not a date");

    /* Back from days: every day of 400 years (an era) round trips. */
    char buf[11];
    for (int32_t k = -146097; k <= 146097; k += 1) {
        int32_t y, m, dd, back;
        jy_lex_civil_from_days(k, &y, &m, &dd);
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)y, (int)m, (int)dd);
        if (!date_ok(buf, &back) || back != k) {
            CHECK(!"a day that does not round trip");
            break;
        }
    }
    int32_t y, m;
    jy_lex_civil_from_days(20759, &y, &m, &d);
    CHECK(y == 2026 && m == 11 && d == 2);
}

static void test_comments(void)
{
    lex_problem pb;
    CHECK(jy_lex_check_comment("# fine, caf\xC3\xA9 \xF0\x9F\x98\x80", 18, &pb));
    CHECK(jy_lex_check_comment("#", 1, &pb));
    /* The first invalid byte only. */
    CHECK(!jy_lex_check_comment("# bad \xFF and \xFE", 14, &pb));
    CHECK(pb.code == JY_C_BAD_UTF8 && pb.off == 6 && pb.len == 1);
    CHECK(strcmp(pb.msg, "invalid UTF-8 byte 0xFF in comment") == 0);
    CHECK(!jy_lex_check_comment("# cut \xE2\x82", 8, &pb) && pb.off == 6);
}

static void test_bad_characters(void)
{
    static const struct {
        const char *in;
        unsigned code;
        uint32_t off, len;
        const char *msg;
    } cases[] = {
        { "@", JY_C_BAD_CHAR, 0, 1, "unexpected character '@'" },
        { "$%&", JY_C_BAD_CHAR, 0, 1, "unexpected character '$'" },
        { "\r", JY_C_BAD_CHAR, 0, 1, "unexpected carriage return not followed by a line feed" },
        { "\x01", JY_C_BAD_CHAR, 0, 1, "unexpected control character U+0001" },
        { "\x7F", JY_C_BAD_CHAR, 0, 1, "unexpected control character U+007F" },
        { "\xC3\xA9", JY_C_BAD_CHAR, 0, 2,
          "unexpected character '\xC3\xA9'; names may use only A-Z, a-z, 0-9, '_' and '-' (put other text in quotes)" },
        { "\xE2\x82\xAC$", JY_C_BAD_CHAR, 0, 3,
          "unexpected character '\xE2\x82\xAC'; names may use only A-Z, a-z, 0-9, '_' and '-' (put other text in "
          "quotes)" },
        /* Invalid UTF-8 anywhere in the run comes first. */
        { "$\xFF", JY_C_BAD_UTF8, 1, 1, "invalid UTF-8 byte 0xFF" },
        { "\xC3\xA9\xE2\x82", JY_C_BAD_UTF8, 2, 1, "invalid UTF-8 byte 0xE2" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        result r = { 0 };
        jy_lex_check_bad(cases[i].in, strlen(cases[i].in), &r.pb[0]);
        r.n = 1;
        check_problem(&r, cases[i].code, cases[i].off, cases[i].len, cases[i].msg);
    }
}

int main(void)
{
    test_plain();
    test_escapes();
    test_unknown_escapes();
    test_unicode_escapes();
    test_forbidden();
    test_invalid_utf8();
    test_line_ends();
    test_dedent();
    test_triple();
    test_numbers();
    test_ranges();
    test_dates();
    test_comments();
    test_bad_characters();
    TEST_DONE();
}
