/* journey/textdiff.h - a unified diff of two texts, line by line.
 *
 * What `journey fmt -d` prints: the form of `diff -u` (three lines of
 * context, `@@ -l,n +l,n @@` hunks, "\ No newline at end of file"), which
 * patch(1) and git apply read.  The texts are anything; the algorithm is
 * Myers's, minimal up to a bound on the edits in the part that differs
 * (beyond it, that part is shown removed and added whole: still a
 * correct diff, and time and memory stay linear in the texts).
 */
#ifndef JOURNEY_TEXTDIFF_H
#define JOURNEY_TEXTDIFF_H

#include "journey/core.h"

/* Appends to out the unified diff from a to b, headed `--- a_label` and
 * `+++ b_label`; nothing when the texts are the same. */
void jy_textdiff_unified(jy_buf *out, const char *a, size_t alen, const char *b, size_t blen, const char *a_label,
                         const char *b_label);

#endif
