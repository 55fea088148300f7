/* check.h - a minimal assertion harness for the unit tests. */
#ifndef JOURNEY_TEST_CHECK_H
#define JOURNEY_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        test_checks++;                                                               \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            test_failures++;                                                         \
        }                                                                            \
    } while (0)

#define CHECK_STR(str, lit)                                                                          \
    do {                                                                                             \
        jy_str s_ = (str);                                                                           \
        test_checks++;                                                                               \
        if (s_.n != strlen(lit) || memcmp(s_.s, (lit), s_.n) != 0) {                                 \
            fprintf(stderr, "%s:%d: expected \"%s\", got \"%.*s\"\n", __FILE__, __LINE__, (lit),      \
                    (int)s_.n, s_.s);                                                                \
            test_failures++;                                                                         \
        }                                                                                            \
    } while (0)

#define TEST_DONE()                                                                        \
    do {                                                                                   \
        printf("%d checks, %d failed\n", test_checks, test_failures);                      \
        return test_failures ? 1 : 0;                                                      \
    } while (0)

#endif
