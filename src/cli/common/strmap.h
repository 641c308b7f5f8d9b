/*
 * strmap: a hash map from byte-string keys (any bytes, with their length) to two numbers and a
 * pointer. Open addressing with linear probing over pointers to entries that live, with their
 * keys, in large shared blocks: about 60 bytes plus the key per entry, for maps of millions of
 * ids. No deletion (the tools only add ids while reading a file and drop the whole map after).
 */
#ifndef COLLCOG_CLI_STRMAP_H
#define COLLCOG_CLI_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StrMapEntry
{
	uint64_t	hash;
	int64_t		value;			/* caller's number, 0 for a new entry */
	int64_t		aux;			/* caller's second number, 0 for a new entry */
	void	   *data;			/* caller's pointer, NULL for a new entry */
	size_t		keylen;
	char		key[];			/* the key's bytes, NUL-terminated */
} StrMapEntry;

typedef struct StrMapBlock StrMapBlock;

typedef struct StrMap
{
	StrMapEntry **slots;		/* NULL marks an empty slot */
	size_t		nslots;			/* a power of two */
	size_t		count;
	StrMapBlock *blocks;		/* where the entries live, newest first */
} StrMap;

void		strmap_init(StrMap *map);
/* Free the map; free_data, when not NULL, is called on every entry's data pointer. */
void		strmap_free(StrMap *map, void (*free_data) (void *));
StrMapEntry *strmap_find(const StrMap *map, const char *key, size_t keylen);
/* The entry for key, added (numbers 0, data NULL) when absent; *added tells which. */
StrMapEntry *strmap_insert(StrMap *map, const char *key, size_t keylen, bool *added);

#endif
