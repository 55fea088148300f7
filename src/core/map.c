/* map.c - open-addressing hash map from string views to pointers.
 *
 * Linear probing, power-of-two capacity, grown at 70% load.  Keys are not
 * copied: they must outlive the map (they point into sources or the arena).
 */
#include "journey/core.h"

#include <stdlib.h>
#include <string.h>

uint32_t jy_str_hash(jy_str k)
{
    /* FNV-1a, 32-bit; never 0 so that 0 can mark an empty slot. */
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < k.n; i++) {
        h ^= (unsigned char)k.s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

void jy_map_init(jy_map *m)
{
    m->slots = NULL;
    m->cap = m->count = 0;
}

void jy_map_free(jy_map *m)
{
    free(m->slots);
    jy_map_init(m);
}

static jy_map_slot *map_find(const jy_map *m, jy_str key, uint32_t h)
{
    uint32_t mask = m->cap - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        jy_map_slot *s = &m->slots[i];
        if (s->hash == 0 || (s->hash == h && jy_str_eq(s->key, key)))
            return s;
    }
}

static void map_grow(jy_map *m)
{
    jy_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->slots = jy_xcalloc(m->cap, sizeof *m->slots);
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.slots[i].hash)
            *map_find(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
    free(old.slots);
}

void *jy_map_get(const jy_map *m, jy_str key)
{
    if (!m->cap)
        return NULL;
    jy_map_slot *s = map_find(m, key, jy_str_hash(key));
    return s->hash ? s->val : NULL;
}

void *jy_map_put(jy_map *m, jy_str key, void *val)
{
    if ((m->count + 1) * 10 >= m->cap * 7)
        map_grow(m);
    uint32_t h = jy_str_hash(key);
    jy_map_slot *s = map_find(m, key, h);
    if (s->hash)
        return s->val;
    s->hash = h;
    s->key = key;
    s->val = val;
    m->count++;
    return NULL;
}
