/* strmap: open-addressing hash map from byte strings to two numbers and a pointer. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define STRMAP_INITIAL_SLOTS 64
#define STRMAP_FIRST_BLOCK_BYTES ((size_t) 4096)
#define STRMAP_MAX_BLOCK_BYTES ((size_t) 1 << 20)

struct StrMapBlock
{
	StrMapBlock *next;
	size_t		used;
	size_t		size;
	/* entries follow, 8-byte aligned */
};

/* FNV-1a, 64 bits: simple, and good enough for ids. */
static uint64_t
hash_bytes(const char *key, size_t len)
{
	uint64_t	h = UINT64_C(14695981039346656037);
	size_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) key[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The slot of key: the one holding it, or the empty one where it would go. */
static StrMapEntry **
probe(StrMapEntry **slots, size_t nslots, const char *key, size_t keylen, uint64_t hash)
{
	size_t		i = (size_t) hash & (nslots - 1);

	for (;;)
	{
		StrMapEntry *e = slots[i];

		if (e == NULL ||
			(e->hash == hash && e->keylen == keylen && memcmp(e->key, key, keylen) == 0))
			return &slots[i];
		i = (i + 1) & (nslots - 1);
	}
}

/* Double the slots, keeping the table at most 70% full. */
static void
grow(StrMap *map)
{
	size_t		nslots = map->nslots * 2;
	StrMapEntry **slots = xmalloc(nslots * sizeof(StrMapEntry *));
	size_t		i;

	memset(slots, 0, nslots * sizeof(StrMapEntry *));
	for (i = 0; i < map->nslots; i++)
	{
		StrMapEntry *e = map->slots[i];

		if (e != NULL)
			*probe(slots, nslots, e->key, e->keylen, e->hash) = e;
	}
	free(map->slots);
	map->slots = slots;
	map->nslots = nslots;
}

/* Room for an entry with a key of keylen bytes, from the newest block or a new one
 * (blocks double from 4 kB to 1 MB, so that small maps stay small). */
static StrMapEntry *
allocate_entry(StrMap *map, size_t keylen)
{
	size_t		need = (sizeof(StrMapEntry) + keylen + 1 + 7) & ~(size_t) 7;
	StrMapBlock *b = map->blocks;
	StrMapEntry *e;

	if (b == NULL || b->size - b->used < need)
	{
		size_t		size = b == NULL ? STRMAP_FIRST_BLOCK_BYTES : 2 * b->size;

		if (size > STRMAP_MAX_BLOCK_BYTES)
			size = STRMAP_MAX_BLOCK_BYTES;
		if (size < need)
			size = need;

		b = xmalloc(sizeof(StrMapBlock) + size);
		b->next = map->blocks;
		b->used = 0;
		b->size = size;
		map->blocks = b;
	}
	e = (StrMapEntry *) ((char *) (b + 1) + b->used);
	b->used += need;
	return e;
}

void
strmap_init(StrMap *map)
{
	map->nslots = STRMAP_INITIAL_SLOTS;
	map->count = 0;
	map->slots = xmalloc(map->nslots * sizeof(StrMapEntry *));
	memset(map->slots, 0, map->nslots * sizeof(StrMapEntry *));
	map->blocks = NULL;
}

void
strmap_free(StrMap *map, void (*free_data) (void *))
{
	size_t		i;

	for (i = 0; free_data != NULL && i < map->nslots; i++)
		if (map->slots[i] != NULL && map->slots[i]->data != NULL)
			free_data(map->slots[i]->data);
	while (map->blocks != NULL)
	{
		StrMapBlock *next = map->blocks->next;

		free(map->blocks);
		map->blocks = next;
	}
	free(map->slots);
	map->slots = NULL;
	map->nslots = map->count = 0;
}

StrMapEntry *
strmap_find(const StrMap *map, const char *key, size_t keylen)
{
	return *probe(map->slots, map->nslots, key, keylen, hash_bytes(key, keylen));
}

StrMapEntry *
strmap_insert(StrMap *map, const char *key, size_t keylen, bool *added)
{
	uint64_t	hash = hash_bytes(key, keylen);
	StrMapEntry **slot;
	StrMapEntry *e;

	if ((map->count + 1) * 10 > map->nslots * 7)
		grow(map);
	slot = probe(map->slots, map->nslots, key, keylen, hash);
	*added = (*slot == NULL);
	if (*added)
	{
		e = allocate_entry(map, keylen);
		e->hash = hash;
		e->value = 0;
		e->aux = 0;
		e->data = NULL;
		e->keylen = keylen;
		memcpy(e->key, key, keylen);
		e->key[keylen] = '\0';
		*slot = e;
		map->count++;
	}
	return *slot;
}
