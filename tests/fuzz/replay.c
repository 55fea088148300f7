/* replay.c - runs a fuzz target's checks over files, without libFuzzer:
 * the seed corpus and every input a fuzzer once found bad (regressions/)
 * go through the same code in every normal build of the tests.
 *
 *   replay FILE_OR_DIRECTORY...
 */
#include "journey/core.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static unsigned replay_file(const char *path)
{
    char *text;
    size_t len;
    int err;
    if (jy_file_read(path, true, &text, &len, &err) != JY_READ_OK) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        exit(2);
    }
    LLVMFuzzerTestOneInput((const unsigned char *)text, len);
    free(text);
    return 1;
}

static unsigned replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no %s\n", path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    DIR *dir = opendir(path);
    if (!dir)
        return 0;
    /* In name order, so that a failure names the same file every time. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dir));)
        if (e->d_name[0] != '.')
            VEC_PUSH(names, n, cap, jy_xstrdup(e->d_name));
    closedir(dir);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    unsigned count = 0;
    for (size_t i = 0; i < n; i++) {
        char *full = jy_xmalloc(strlen(path) + strlen(names[i]) + 2);
        sprintf(full, "%s/%s", path, names[i]);
        struct stat fs;
        if (stat(full, &fs) == 0 && S_ISREG(fs.st_mode))
            count += replay_file(full);
        free(full);
        free(names[i]);
    }
    free(names);
    return count;
}

int main(int argc, char **argv)
{
    unsigned count = 0;
    for (int i = 1; i < argc; i++)
        count += replay(argv[i]);
    printf("%u inputs replayed\n", count);
    return count ? 0 : 1;
}
