/* test_oom.c - memory running out is reported to the library's caller,
 * never an exit: an allocation that fails under a guard jumps back to it,
 * and a compilation that runs out of memory (address space capped with
 * RLIMIT_AS) comes back with the read status JY_READ_NO_MEMORY, after
 * which the same compilation succeeds once memory is there again.
 * Skipped (exit 77) under AddressSanitizer, whose shadow memory needs more
 * address space than any cap that would bite. */
#include "check.h"
#include "journey/check.h"
#include "journey/codes.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
static void test_guard(void)
{
    jy_guard outer, inner;
    volatile int caught = 0;
    jy_guard_enter(&outer);
    if (setjmp(outer.env)) {
        caught = 2;   /* not here: the inner guard catches it */
    } else {
        jy_guard_enter(&inner);
        if (setjmp(inner.env)) {
            caught = 1;
        } else {
            volatile size_t huge = SIZE_MAX / 2;
            (void)jy_xmalloc(huge);
            jy_guard_leave(&inner);
        }
        jy_guard_leave(&outer);
    }
    CHECK(caught == 1);
}

/* A map of n steps. */
static char *big_map(unsigned n, size_t *len)
{
    jy_buf b = { 0 };
    jy_buf_adds(&b, "journey \"Big\" {\n  persona p \"P\"\n  stage s \"S\" {\n");
    for (unsigned i = 0; i < n; i++)
        jy_buf_printf(&b, "    step s%u \"Step %u of a long journey\" {\n      emotion p 1 \"Fine\"\n"
                       "      pain \"A pain that takes some room in memory, %u\"\n    }\n", i, i, i);
    jy_buf_adds(&b, "  }\n}\n");
    *len = b.len;
    return b.p;
}

static void test_compile_runs_out(void)
{
    size_t len;
    char *text = big_map(200000, &len);
    struct rlimit old, low;
    CHECK(getrlimit(RLIMIT_AS, &old) == 0);
    /* The address space in use now, and 48 MiB more: far less than the
     * tree of a 200 000-step map needs. */
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    CHECK(f && fscanf(f, "%lu", &pages) == 1);
    if (f)
        fclose(f);
    low = old;
    low.rlim_cur = (rlim_t)pages * 4096 + ((rlim_t)48 << 20);
    CHECK(setrlimit(RLIMIT_AS, &low) == 0);
    jy_diags *d = jy_diags_new();
    jy_compilation *c = jy_compile_text(d, "big.journey", text, len, NULL);
    CHECK(c->read_status == JY_READ_NO_MEMORY);
    CHECK(c->model == NULL && c->prog == NULL);
    jy_compilation_free(c);
    jy_diags_free(d);
    CHECK(setrlimit(RLIMIT_AS, &old) == 0);

    d = jy_diags_new();
    c = jy_compile_text(d, "big.journey", text, len, NULL);
    CHECK(c->read_status == JY_READ_OK && c->model && c->model->nsteps == 200000);
    CHECK(jy_diags_error_count(d) == 0);
    jy_compilation_free(c);
    jy_diags_free(d);
    free(text);
}

#endif

int main(void)
{
#ifdef UNDER_ASAN
    (void)test_checks;
    (void)test_failures;
    puts("skipped: AddressSanitizer needs more address space than RLIMIT_AS may leave");
    return 77;
#else
    test_guard();
    test_compile_runs_out();
    TEST_DONE();
#endif
}
