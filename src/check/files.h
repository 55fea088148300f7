/* files.h - the files a checked map names: its images and its baseline
 * (files.c).  Internal to the check layer. */
#ifndef JOURNEY_CHECK_FILES_H
#define JOURNEY_CHECK_FILES_H

#include "journey/check.h"

/* Finds every image of c's model and loads its baseline (checked with
 * the same options and today), reporting to c's engine; records the
 * baseline's files among c's inputs.  c->model is set. */
void jy_check_files(jy_compilation *c, const jy_compile_options *o, int32_t today);

#endif
