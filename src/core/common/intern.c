/*
 * Interning of identifiers (claim, subtask and agent ids) to dense integers.
 *
 * A small open-addressing table written here rather than a library: Debian's uthash
 * allocates per key and GLib's GHashTable would pull GLib into the server module; this one
 * uses three arrays, never copies keys, and stays O(n) in memory.
 */
#include "collcog/common.h"

#include <string.h>

/* MurmurHash64A (Austin Appleby, public domain), reading 8 bytes at a time. */
uint64_t
cc_hash_bytes(const char *p, size_t len)
{
	const uint64_t m = UINT64_C(0xc6a4a7935bd1e995);
	const int	r = 47;
	uint64_t	h = UINT64_C(0x9e3779b97f4a7c15) ^ (len * m);
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64_t	k;

		memcpy(&k, p + i, 8);
		k *= m;
		k ^= k >> r;
		k *= m;
		h ^= k;
		h *= m;
	}
	if (i < len)
	{
		/* the last 1..7 bytes, little-endian, without a call to memcpy */
		const unsigned char *t = (const unsigned char *) p + i;
		uint64_t	k = 0;
		size_t		j;

		for (j = len - i; j > 0; j--)
			k = (k << 8) | t[j - 1];
		h ^= k;
		h *= m;
	}
	h ^= h >> r;
	h *= m;
	h ^= h >> r;
	return h;
}

/* A zeroed slot array of nslots (a power of two). */
static cc_status
alloc_slots(cc_intern *t, size_t nslots)
{
	t->slots = cc_calloc(nslots, sizeof(uint64_t));
	if (t->slots == NULL)
		return CC_ENOMEM;
	t->mask = nslots - 1;
	return CC_OK;
}

/* An empty table sized for expected_n keys. */
cc_status
cc_intern_init(cc_intern *t, size_t expected_n)
{
	size_t		nslots = 16;

	memset(t, 0, sizeof(*t));
	if (expected_n > (size_t) INT32_MAX)
		expected_n = INT32_MAX;
	while (nslots * 7 < 10 * expected_n)
		nslots <<= 1;
	if (alloc_slots(t, nslots) != CC_OK)
		return CC_ENOMEM;
	t->cap = expected_n < 8 ? 8 : (int32_t) expected_n;
	t->keys = cc_malloc((size_t) t->cap * sizeof(cc_str));
	if (t->keys == NULL)
	{
		cc_intern_free(t);
		return CC_ENOMEM;
	}
	return CC_OK;
}

/* Release the table (not the keys, which the caller owns). */
void
cc_intern_free(cc_intern *t)
{
	cc_free(t->slots);
	cc_free(t->keys);
	memset(t, 0, sizeof(*t));
}

#define SLOT_TAG(h) ((h) & UINT64_C(0xFFFFFFFF00000000))
#define SLOT_INDEX(s) ((uint32_t) (s))

/* Index of key, or -1. */
int32_t
cc_intern_find(const cc_intern *t, cc_str key)
{
	uint64_t	h = cc_hash_bytes(key.ptr, key.len);
	size_t		i = (size_t) h & t->mask;

	for (;;)
	{
		uint64_t	s = t->slots[i];

		if (s == 0)
			return -1;
		if (SLOT_TAG(s) == SLOT_TAG(h) && cc_str_eq(t->keys[SLOT_INDEX(s) - 1], key))
			return (int32_t) (SLOT_INDEX(s) - 1);
		i = (i + 1) & t->mask;
	}
}

/*
 * Start loading the slot where key would be. Lookups in a table larger than the caches are
 * dominated by that one miss; issuing it some keys ahead overlaps the misses.
 */
void
cc_intern_prefetch(const cc_intern *t, cc_str key)
{
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(&t->slots[(size_t) cc_hash_bytes(key.ptr, key.len) & t->mask]);
#else
	(void) t;
	(void) key;
#endif
}

/* Double the slot array and reinsert every key (the tags give the hashes back). */
static cc_status
grow_slots(cc_intern *t)
{
	uint64_t   *old = t->slots;
	size_t		old_n = t->mask + 1;
	size_t		j;

	if (alloc_slots(t, old_n * 2) != CC_OK)
	{
		t->slots = old;
		t->mask = old_n - 1;
		return CC_ENOMEM;
	}
	for (j = 0; j < old_n; j++)
	{
		if (old[j] != 0)
		{
			cc_str		k = t->keys[SLOT_INDEX(old[j]) - 1];
			size_t		i = (size_t) cc_hash_bytes(k.ptr, k.len) & t->mask;

			while (t->slots[i] != 0)
				i = (i + 1) & t->mask;
			t->slots[i] = old[j];
		}
	}
	cc_free(old);
	return CC_OK;
}

/* Index of key, added at the end if new; -1 when out of memory. */
int32_t
cc_intern_add(cc_intern *t, cc_str key, bool *is_new)
{
	uint64_t	h = cc_hash_bytes(key.ptr, key.len);
	size_t		i = (size_t) h & t->mask;

	for (;;)
	{
		uint64_t	s = t->slots[i];

		if (s == 0)
			break;
		if (SLOT_TAG(s) == SLOT_TAG(h) && cc_str_eq(t->keys[SLOT_INDEX(s) - 1], key))
		{
			if (is_new)
				*is_new = false;
			return (int32_t) (SLOT_INDEX(s) - 1);
		}
		i = (i + 1) & t->mask;
	}
	if (t->n >= INT32_MAX - 1)
		return -1;
	if (t->n == t->cap)
	{
		int32_t		ncap = t->cap > INT32_MAX / 2 ? INT32_MAX - 1 : t->cap * 2;
		cc_str	   *nk = cc_realloc(t->keys, (size_t) ncap * sizeof(cc_str));

		if (nk == NULL)
			return -1;
		t->keys = nk;
		t->cap = ncap;
	}
	t->keys[t->n] = key;
	t->slots[i] = SLOT_TAG(h) | ((uint64_t) t->n + 1);
	t->n++;
	if (is_new)
		*is_new = true;
	/* at most 70% full; on failure the key is stored but we report out of memory */
	if ((size_t) t->n * 10 > (t->mask + 1) * 7 && grow_slots(t) != CC_OK)
		return -1;
	return t->n - 1;
}
