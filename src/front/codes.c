/* codes.c - the catalog behind journey/codes.h. */
#include "journey/codes.h"

const jy_diag_code jy_codes[JY_C_COUNT] = {
#define JY_CODE_ENTRY(id, name, warn, on, summary) { name, warn, on, summary },
    JY_CODE_LIST(JY_CODE_ENTRY)
#undef JY_CODE_ENTRY
};

jy_diags *jy_diags_new(void)
{
    return jy_diags_create(jy_codes, JY_C_COUNT);
}
