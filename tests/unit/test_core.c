/* test_core.c - arena, strings, UTF-8, hash map, edit distance, files,
 * output encodings. */
#include "check.h"
#include "journey/core.h"
#include "journey/diag.h"
#include "journey/emit.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static void test_arena(void)
{
    jy_arena *a = jy_arena_new();
    char *p = jy_arena_alloc(a, 3);
    CHECK(((uintptr_t)p & 7) == 0);
    CHECK(p[0] == 0 && p[2] == 0);
    /* Many small and a few big allocations, all zeroed and distinct. */
    char *prev = NULL;
    for (int i = 0; i < 100000; i++) {
        char *q = jy_arena_alloc(a, 24);
        CHECK(q != prev);
        bool zero = true;
        for (int k = 0; k < 24; k++)
            zero &= q[k] == 0;
        if (!zero)
            CHECK(zero);
        memset(q, 0xAB, 24);
        prev = q;
    }
    char *big = jy_arena_alloc(a, 10 << 20);
    CHECK(big[0] == 0 && big[(10 << 20) - 1] == 0);
    char *after = jy_arena_alloc(a, 16);
    CHECK(after[0] == 0);
    CHECK(jy_arena_bytes(a) >= (10u << 20));
    char *s = jy_arena_strndup(a, "hello world", 5);
    CHECK(strcmp(s, "hello") == 0);
    jy_arena_free(a);
}

static void test_buf(void)
{
    jy_buf b = { 0 };
    for (int i = 0; i < 1000; i++)
        jy_buf_printf(&b, "%d,", i);
    CHECK(b.len == 3890);
    CHECK(strncmp(jy_buf_cstr(&b), "0,1,2,", 6) == 0);
    b.len = 0;
    static const char long_text[] = "a long string that does not fit in the small buffer of jy_buf_printf: "
                                    "0123456789012345678901234567890123456789012345678901234567890123456789"
                                    "0123456789012345678901234567890123456789012345678901234567890123456789"
                                    "0123456789012345678901234567890123456789012345678901234567890123456789";
    jy_buf_printf(&b, "<%s>", long_text);
    CHECK(b.len == sizeof long_text + 1);
    CHECK(b.p[0] == '<' && b.p[b.len - 1] == '>');
    jy_buf_free(&b);
}

static void test_utf8(void)
{
    CHECK(jy_utf8_seq_len((const unsigned char *)"a", 1) == 1);
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xC3\xA9", 2) == 2);        /* é */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xE2\x82\xAC", 3) == 3);    /* € */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xF0\x9F\x98\x80", 4) == 4);/* 😀 */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xC3", 1) == 0);            /* cut */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xC0\x80", 2) == 0);        /* overlong NUL */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xE0\x80\xAF", 3) == 0);    /* overlong */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xED\xA0\x80", 3) == 0);    /* surrogate */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xF4\x90\x80\x80", 4) == 0);/* > U+10FFFF */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\x80", 1) == 0);            /* continuation */
    CHECK(jy_utf8_seq_len((const unsigned char *)"\xFF", 1) == 0);
    CHECK(jy_utf8_count("h\xC3\xA9llo", 6) == 5);
    char out[4];
    CHECK(jy_utf8_encode(0x1F600, out) == 4 && memcmp(out, "\xF0\x9F\x98\x80", 4) == 0);
    CHECK(jy_utf8_encode(0xE9, out) == 2 && memcmp(out, "\xC3\xA9", 2) == 0);
    CHECK(jy_utf8_encode(0x20AC, out) == 3 && memcmp(out, "\xE2\x82\xAC", 3) == 0);
    CHECK(jy_utf8_decode("\xF0\x9F\x98\x80", 4) == 0x1F600 && jy_utf8_decode("\xC2\x85", 2) == 0x85);

    /* What text may not hold: every character XML 1.0 forbids, and more. */
    for (uint32_t cp = 0; cp < 0x20; cp++)
        CHECK((jy_utf8_forbidden(cp) == NULL) == (cp == '\t' || cp == '\n' || cp == '\r'));
    CHECK(jy_utf8_forbidden(0x20) == NULL && jy_utf8_forbidden(0x7E) == NULL && jy_utf8_forbidden(0xA0) == NULL);
    CHECK(jy_utf8_forbidden(0x7F) && jy_utf8_forbidden(0x80) && jy_utf8_forbidden(0x9F));
    CHECK(strcmp(jy_utf8_forbidden(0xD800), "a surrogate") == 0 && jy_utf8_forbidden(0xDFFF));
    CHECK(jy_utf8_forbidden(0xD7FF) == NULL && jy_utf8_forbidden(0xE000) == NULL && jy_utf8_forbidden(0xFFFD) == NULL);
    CHECK(strcmp(jy_utf8_forbidden(0xFFFE), "a noncharacter") == 0 && jy_utf8_forbidden(0xFFFF));
    CHECK(jy_utf8_forbidden(0xFDD0) && jy_utf8_forbidden(0xFDEF) && !jy_utf8_forbidden(0xFDCF) && !jy_utf8_forbidden(0xFDF0));
    CHECK(jy_utf8_forbidden(0x1FFFE) && jy_utf8_forbidden(0x10FFFF) && !jy_utf8_forbidden(0x10FFFD));
}

static void test_escape(void)
{
    jy_buf b = { 0 };
    static const char in[] = "a\n\t\r\x1b[2J\x7F\xC2\x9B\xE2\x80\xAE\xEF\xBF\xBE\xFF \xC3\xA9\xF0\x9F\x98\x80\\z";
    jy_diags_escape(&b, in, sizeof in - 1);
    CHECK_STR(jy_str_make(b.p, b.len), "a\\n\\t\\r\\x1b[2J\\x7f\\u{9B}\\u{202E}\\u{FFFE}\\xff \xC3\xA9\xF0\x9F\x98\x80\\z");
    jy_buf_free(&b);
}

static void test_map(void)
{
    jy_map m;
    jy_map_init(&m);
    static char keys[5000][12];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(keys[i], sizeof keys[i], "key%d", i);
        CHECK(jy_map_put(&m, jy_str_make(keys[i], (size_t)n), (void *)(intptr_t)(i + 1)) == NULL);
    }
    CHECK(m.count == 5000);
    for (int i = 0; i < 5000; i++)
        if ((intptr_t)jy_map_get(&m, jy_str_make(keys[i], strlen(keys[i]))) != i + 1)
            CHECK(!"lookup failed");
    /* A second put keeps the first value. */
    CHECK((intptr_t)jy_map_put(&m, JY_STR("key7"), (void *)99) == 8);
    CHECK((intptr_t)jy_map_get(&m, JY_STR("key7")) == 8);
    CHECK(jy_map_get(&m, JY_STR("nope")) == NULL);
    CHECK(jy_map_get(&m, JY_STR("")) == NULL);
    jy_map_free(&m);
    CHECK(jy_map_get(&m, JY_STR("key1")) == NULL);
}

static void test_edit_distance(void)
{
    CHECK(jy_edit_distance(JY_STR("instagram"), JY_STR("instagarm"), 3) == 1);  /* transposition */
    CHECK(jy_edit_distance(JY_STR("emotion"), JY_STR("emotoin"), 3) == 1);
    CHECK(jy_edit_distance(JY_STR("kitten"), JY_STR("sitting"), 5) == 3);
    CHECK(jy_edit_distance(JY_STR("abc"), JY_STR("abc"), 0) == 0);
    CHECK(jy_edit_distance(JY_STR("abc"), JY_STR("xyz"), 1) == 2);              /* limit + 1 */
    CHECK(jy_edit_distance(JY_STR(""), JY_STR("ab"), 3) == 2);
    CHECK(jy_edit_distance(JY_STR("a"), JY_STR("abcdef"), 2) == 3);
}

static void test_files(void)
{
    char dir[] = "/tmp/journey-test-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);

    /* A committed write replaces the file; an aborted one leaves it. */
    int err;
    jy_out_error e;
    jy_outfile *o = jy_outfile_open(path, NULL, &e);
    CHECK(o != NULL);
    fputs("first", jy_outfile_stream(o));
    CHECK(jy_outfile_commit(o, &e) == 0);
    o = jy_outfile_open(path, NULL, &e);
    fputs("second, half-written", jy_outfile_stream(o));
    jy_outfile_abort(o);
    char *text;
    size_t len;
    CHECK(jy_file_read(path, true, &text, &len, &err) == JY_READ_OK);
    CHECK(len == 5 && memcmp(text, "first", 5) == 0 && text[5] == 0 && text[6] == 0);
    free(text);
    /* commit_new refuses to replace. */
    o = jy_outfile_open(path, NULL, &e);
    fputs("third", jy_outfile_stream(o));
    CHECK(jy_outfile_commit_new(o, &e) != 0 && e.status == JY_OUT_ERRNO && e.err_no == EEXIST);
    /* A protected file is refused before anything is written. */
    jy_file_id id;
    CHECK(jy_file_identify(path, &id));
    jy_out_options opts = { &id, 1, false };
    CHECK(jy_outfile_open(path, &opts, &e) == NULL && e.status == JY_OUT_IS_INPUT && e.input == 0);
    CHECK(jy_file_read(path, true, &text, &len, &err) == JY_READ_OK && len == 5);
    free(text);

    CHECK(jy_file_read(dir, true, &text, &len, &err) == JY_READ_IS_DIR);
    CHECK(jy_file_read("/dev/zero", true, &text, &len, &err) == JY_READ_NOT_REGULAR);
    CHECK(jy_file_read("/nonexistent/x.journey", false, &text, &len, &err) == JY_READ_NOT_FOUND);
    CHECK(strcmp(jy_file_read_status_text(JY_READ_IS_DIR, 0), "is a directory") == 0);

    /* No temporary files are left behind. */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
    CHECK(system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

static void test_positions(void)
{
    static const jy_diag_code codes[] = { { "e", false, true, "an error" }, { "w", true, false, "a warning" } };
    jy_diags *d = jy_diags_create(codes, 2);
    const char src[] = "ab\n\tc\xC3\xA9x\r\nlast";
    char *text = malloc(sizeof src + 1);   /* the text and two NULs */
    memcpy(text, src, sizeof src);
    text[sizeof src] = '\0';
    uint32_t f = jy_sources_add(jy_diags_sources(d), "t.journey", text, sizeof src - 1);
    jy_pos p = jy_sources_position(jy_diags_sources(d), f, 0);
    CHECK(p.line == 1 && p.col == 1);
    p = jy_sources_position(jy_diags_sources(d), f, 4);                 /* 'c' after a tab */
    CHECK(p.line == 2 && p.col == 2);
    p = jy_sources_position(jy_diags_sources(d), f, 7);                 /* 'x' after é: characters, not bytes */
    CHECK(p.line == 2 && p.col == 4);
    p = jy_sources_position(jy_diags_sources(d), f, 10);                /* "last" after CR LF */
    CHECK(p.line == 3 && p.col == 1);
    CHECK_STR(jy_sources_line(jy_diags_sources(d), f, 2), "\tc\xC3\xA9x");   /* CR not part of the line */
    /* Disabled warnings are dropped; the limit stops reporting. */
    jy_loc at = { f, 0, 1 };
    CHECK(jy_diag_report(d, 1, &at, "quiet") == 0);
    jy_diags_set_warning(d, "w", true);
    jy_diag_id loud = jy_diag_report(d, 1, &at, "loud");
    CHECK(loud != 0);
    jy_diags_set_max_errors(d, 2);
    jy_diag_id one = jy_diag_report(d, 0, &at, "one");
    CHECK(one != 0 && one != loud);
    CHECK(!jy_diags_should_stop(d));
    CHECK(jy_diag_report(d, 0, &at, "two") != 0);
    CHECK(jy_diags_should_stop(d));
    CHECK(jy_diag_report(d, 0, &at, "three") == 0);
    CHECK(jy_diags_error_count(d) == 2 && jy_diags_warning_count(d) == 1);
    /* An id stays good after more reports and a sort: a note reaches its
     * own diagnostic (the list grew and was reordered in between). */
    jy_loc early = { f, 0, 0 };
    jy_diag_note(d, one, &early, "a note to 'one'");
    jy_diag_note(d, 0, &early, "dropped");
    jy_diags_sort(d);
    for (size_t i = 0; i < jy_diags_count(d); i++) {
        const jy_diag *g = jy_diags_get(d, i);
        CHECK(g->nnotes == (strcmp(g->msg, "one") == 0));
    }
    jy_diags_set_werror(d, true);
    jy_diags_free(d);
}


/* Runs an encoder over s (given with its length: it may hold NUL) and
 * compares the result with want. */
#define ENCODES(fn, s, want)                                                         \
    do {                                                                             \
        jy_buf b_ = { 0 };                                                           \
        fn(&b_, (s), sizeof(s) - 1);                                                 \
        test_checks++;                                                               \
        if (b_.len != strlen(want) || memcmp(b_.p, (want), b_.len) != 0) {           \
            fprintf(stderr, "%s:%d: %s gave \"%.*s\", expected \"%s\"\n", __FILE__,   \
                    __LINE__, #fn, (int)b_.len, b_.p ? b_.p : "", (want));           \
            test_failures++;                                                         \
        }                                                                            \
        jy_buf_free(&b_);                                                               \
    } while (0)

static void test_emit(void)
{
    size_t i = 0;
    bool valid;
    CHECK(jy_utf8_next("\xC3\xA9x", 3, &i, &valid) == 0xE9 && i == 2 && valid);
    CHECK(jy_utf8_next("\xC3\xA9x", 3, &i, &valid) == 'x' && i == 3 && valid);
    i = 0;
    CHECK(jy_utf8_next("\xFFy", 2, &i, &valid) == 0xFFFD && i == 1 && !valid);
    i = 0;
    CHECK(jy_utf8_next("\xED\xA0\x80", 3, &i, &valid) == 0xFFFD && i == 1 && !valid);   /* a surrogate */

    ENCODES(jy_json_string, "plain", "\"plain\"");
    ENCODES(jy_json_string, "a\"b\\c\nd\te\rf", "\"a\\\"b\\\\c\\nd\\te\\rf\"");
    ENCODES(jy_json_string, "\x1b[31m\x7f", "\"\\u001b[31m\\u007f\"");
    ENCODES(jy_json_string, "C1 \xC2\x9B, caf\xC3\xA9, \xE2\x80\xA8", "\"C1 \\u009b, caf\xC3\xA9, \\u2028\"");
    ENCODES(jy_json_string, "nul \0 stray \xFF", "\"nul \\u0000 stray \\ufffd\"");
    ENCODES(jy_json_string, "", "\"\"");
    {
        static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
        static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
        for (int k = 0; k < 7; k++) {
            jy_buf b = { 0 };
            jy_base64(&b, in[k], strlen(in[k]));
            CHECK(strcmp(jy_buf_cstr(&b), out[k]) == 0);
            jy_buf_free(&b);
        }
        jy_buf b = { 0 };
        jy_base64(&b, "\xFF\xFE\x00", 3);
        CHECK(strcmp(jy_buf_cstr(&b), "//4A") == 0);
        jy_buf_free(&b);
    }
    /* In an HTML <script> element: nothing closes it or opens a comment. */
    ENCODES(jy_json_script_string, "</script><!-- a&b -->", "\"\\u003c/script\\u003e\\u003c!-- a\\u0026b --\\u003e\"");
    ENCODES(jy_json_script_string, "\"q\" \xE2\x80\xA8\xE2\x80\xA9 \xFF", "\"\\\"q\\\" \\u2028\\u2029 \\ufffd\"");
    ENCODES(jy_json_script_string, "plain caf\xC3\xA9", "\"plain caf\xC3\xA9\"");

    ENCODES(jy_markdown_text, "*bold* _it_ `code` [l](u) <b> a|b ~x~ &amp; $1 #2 !3",
            "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u) \\<b\\> a\\|b \\~x\\~ \\&amp; \\$1 \\#2 \\!3");
    ENCODES(jy_markdown_text, "ask @anna\\now", "ask @&#8203;anna\\\\now");
    ENCODES(jy_markdown_text, "one\ntwo\r\nthree\rfour\tfive", "one<br>two<br>three<br>four five");
    ENCODES(jy_markdown_text, "bell\x07 esc\x1b c1\xC2\x85 stray\xFE caf\xC3\xA9",
            "bell\xEF\xBF\xBD esc\xEF\xBF\xBD c1\xEF\xBF\xBD stray\xEF\xBF\xBD caf\xC3\xA9");

    ENCODES(jy_csv_field, "plain text", "plain text");
    ENCODES(jy_csv_field, "a,b", "\"a,b\"");
    ENCODES(jy_csv_field, "say \"hi\"", "\"say \"\"hi\"\"\"");
    ENCODES(jy_csv_field, "one\r\ntwo\rthree", "\"one\ntwo\nthree\"");
    ENCODES(jy_csv_field, "tab\there \\ esc\x1b", "tab\there \\ esc\xEF\xBF\xBD");

    ENCODES(jy_tsv_field, "a,b \"q\"", "a,b \"q\"");
    ENCODES(jy_tsv_field, "tab\there", "tab\\there");
    ENCODES(jy_tsv_field, "one\r\ntwo\nthree \\ end", "one\\ntwo\\nthree \\\\ end");
    ENCODES(jy_tsv_field, "c1\xC2\x80 stray\xC3", "c1\xEF\xBF\xBD stray\xEF\xBF\xBD");

    ENCODES(jy_xml_text, "<a href=\"x\">Tom & Jerry's</a>",
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    ENCODES(jy_xml_text, "ok\ttab\nline\x01 nul\0 \xEF\xBF\xBE \xEF\xBF\xBF stray\x80 caf\xC3\xA9",
            "ok\ttab\nline\xEF\xBF\xBD nul\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD stray\xEF\xBF\xBD caf\xC3\xA9");

    jy_buf b = { 0 };
    jy_json_int(&b, 0);
    jy_buf_addc(&b, ' ');
    jy_json_int(&b, -9223372036854775807LL - 1);
    jy_buf_addc(&b, ' ');
    jy_json_int(&b, 42);
    CHECK_STR(jy_str_make(b.p, b.len), "0 -9223372036854775808 42");
    jy_buf_free(&b);

    /* A sink writes everything, in order, and says when the stream failed. */
    FILE *f = tmpfile();
    jy_sink k;
    jy_sink_init(&k, f);
    for (int n = 0; n < 20000; n++) {
        jy_buf_printf(&k.b, "%d,", n);
        jy_sink_maybe_flush(&k);
    }
    CHECK(jy_sink_close(&k) == 0);
    long size = ftell(f);
    CHECK(size == 108890);
    fclose(f);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        jy_sink_init(&k, full);
        jy_buf_adds(&k.b, "lost");
        CHECK(jy_sink_close(&k) == -1 && k.err == ENOSPC);
        fclose(full);
    }
}

int main(void)
{
    test_arena();
    test_buf();
    test_utf8();
    test_escape();
    test_map();
    test_edit_distance();
    test_files();
    test_positions();
    test_emit();
    TEST_DONE();
}
