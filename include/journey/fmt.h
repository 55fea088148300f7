/* journey/fmt.h - the canonical layout of a .journey file.
 *
 * The formatter reads one file's syntax tree (not the checked model, and
 * not the files it imports) and writes it again in the canonical style
 * that docs/fmt.md describes: two-space indentation, one statement per
 * line, blocks expanded, strings and numbers in one spelling, every
 * comment kept in its place, the author's order of statements kept.
 * Formatting is idempotent and keeps the checked model unchanged.
 */
#ifndef JOURNEY_FMT_H
#define JOURNEY_FMT_H

#include "journey/ast.h"

/* Appends the canonical text of the file to out.  The tree must be whole:
 * parsed without syntax or lexical errors (a statement repeated where it
 * may appear once is fine; the checker reports it).  The text is empty
 * for a file with neither statements nor comments, else it ends in one
 * line feed. */
void jy_fmt_ast(jy_buf *out, const jy_ast *ast);

#endif
