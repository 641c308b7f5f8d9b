/*
 * The agents of a run and their types (agent_table.h). An agent whose id has 1 to 7 bytes
 * and whose type is among the first 255, the common case, is one 64-bit word in an
 * open-addressing table (linear probing, a zero word empty): the id's bytes zero-padded
 * (text has no zero byte, so the padding tells the length) and the type in the last byte.
 * Other agents go to a general table (PostgreSQL's simplehash) whose entries (16 bytes) hold
 * the id's length and either its bytes (up to 8) or a pointer to them, and the type. Small
 * entries keep more of a run's agents in the cache while its messages are looked up, and
 * make the table quick to build.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "port/pg_bitutils.h"
#include "port/pg_bswap.h"

#include "agent_table.h"

/* An id: its bytes when it has up to 8, else a pointer to them (copied into id). */
typedef struct AgentKey
{
	char		id[8];
	uint16		len;			/* trace ids have at most 256 bytes */
} AgentKey;

typedef struct AgentEntry
{
	AgentKey	key;
	char		status;
	int32		type;
} AgentEntry;

static inline const char *
KeyBytes(const AgentKey *k)
{
	const char *p;

	if (k->len <= sizeof(k->id))
		return k->id;
	memcpy(&p, k->id, sizeof(p));
	return p;
}

static inline bool
KeysEqual(const AgentKey *a, const AgentKey *b)
{
	return a->len == b->len && (a->len <= sizeof(a->id) ?
								memcmp(a->id, b->id, sizeof(a->id)) == 0 :
								memcmp(KeyBytes(a), KeyBytes(b), a->len) == 0);
}

/* Short ids, the common case, hash as two 32-bit words. */
static inline uint32
KeyHash(const AgentKey *k)
{
	uint64		w;

	if (k->len > sizeof(k->id))
		return hash_bytes((const unsigned char *) KeyBytes(k), k->len);
	memcpy(&w, k->id, sizeof(w));
	return murmurhash32((uint32) w ^ murmurhash32((uint32) (w >> 32) ^ k->len));
}

#define SH_PREFIX agents
#define SH_ELEMENT_TYPE AgentEntry
#define SH_KEY_TYPE AgentKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) KeyHash(&(k))
#define SH_EQUAL(tb, a, b) KeysEqual(&(a), &(b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

struct AgentTable
{
	MemoryContext cxt;
	uint64	   *words;			/* a power of two of them, at most three quarters used */
	uint32		words_mask;
	uint32		words_used;
	agents_hash *hash;			/* the agents not in words */
};

#define WORD_ID_BYTES 7
#define WORD_TYPE_SHIFT (8 * WORD_ID_BYTES)
#define WORD_ID_MASK ((UINT64CONST(1) << WORD_TYPE_SHIFT) - 1)
#define WORD_MAX_TYPE 254

/* An id of 1 to WORD_ID_BYTES bytes as the low bytes of a word, whatever the byte order. */
static inline uint64
IdWord(const char *id, int len)
{
	uint64		w = 0;

	memcpy(&w, id, len);
#ifdef WORDS_BIGENDIAN
	w = pg_bswap64(w);
#endif
	return w;
}

static inline uint32
WordHash(uint64 id)
{
	return murmurhash32((uint32) id ^ murmurhash32((uint32) (id >> 32)));
}

static inline bool
WordId(int len)
{
	return len >= 1 && len <= WORD_ID_BYTES;
}

/* A key for id: its bytes in the key when short, else a pointer to id itself. */
static inline AgentKey
MakeKey(const char *id, int len)
{
	AgentKey	k;

	k.len = len;
	memset(k.id, 0, sizeof(k.id));
	if (len <= (int) sizeof(k.id))
		memcpy(k.id, id, len);
	else
		memcpy(k.id, &id, sizeof(id));
	return k;
}

/* Words for at least n agents, zeroed. */
static void
AllocWords(AgentTable *t, uint32 n)
{
	uint32		size = pg_nextpower2_32(Max(n + n / 3 + 1, 16));

	t->words = MemoryContextAllocExtended(t->cxt, sizeof(uint64) * size,
										  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	t->words_mask = size - 1;
	t->words_used = 0;
}

static void
PutWord(AgentTable *t, uint64 key, int type)
{
	uint32		i = WordHash(key) & t->words_mask;

	while (t->words[i] != 0)
		i = (i + 1) & t->words_mask;
	t->words[i] = key | ((uint64) type << WORD_TYPE_SHIFT);
	t->words_used++;
}

static void
PutEntry(AgentTable *t, AgentKey k, int type)
{
	bool		found;

	agents_insert(t->hash, k, &found)->type = type;
}

/*
 * Every agent in words again, its type map[type] (NULL: unchanged), in words if that type
 * still fits a word, else in the general table; words_min: room for at least that many.
 */
static void
RefillWords(AgentTable *t, const int *map, uint32 words_min)
{
	uint64	   *old = t->words;
	uint32		old_size = t->words_mask + 1;

	AllocWords(t, words_min);
	for (uint32 i = 0; i < old_size; i++)
		if (old[i] != 0)
		{
			uint64		key = old[i] & WORD_ID_MASK;
			int			type = (int) (old[i] >> WORD_TYPE_SHIFT);

			type = map != NULL ? map[type] : type;
			if (type <= WORD_MAX_TYPE)
				PutWord(t, key, type);
			else
			{
				AgentKey	k = {{0}, 0};

#ifdef WORDS_BIGENDIAN
				key = pg_bswap64(key);
#endif
				memcpy(k.id, &key, sizeof(key));
				k.len = strnlen(k.id, WORD_ID_BYTES);
				PutEntry(t, k, type);
			}
		}
	pfree(old);
}

AgentTable *
AgentTableCreate(MemoryContext cxt, uint32 expected)
{
	AgentTable *t = MemoryContextAlloc(cxt, sizeof(AgentTable));

	t->cxt = cxt;
	AllocWords(t, expected);
	t->hash = agents_create(cxt, 16, NULL);
	return t;
}

void
AgentTableAdd(AgentTable *t, const char *id, int len, int type)
{
	AgentKey	k;

	if (WordId(len) && type <= WORD_MAX_TYPE)
	{
		if (t->words_used + 1 > (t->words_mask + 1) / 4 * 3)
			RefillWords(t, NULL, 2 * t->words_used + 1);
		PutWord(t, IdWord(id, len), type);
		return;
	}
	k = MakeKey(id, len);
	if (len > (int) sizeof(k.id))
	{
		char	   *copy = MemoryContextAlloc(t->cxt, len);

		memcpy(copy, id, len);
		memcpy(k.id, &copy, sizeof(copy));
	}
	PutEntry(t, k, type);
}

int
AgentTableFind(AgentTable *t, const char *id, int len)
{
	AgentEntry *e;

	if (WordId(len))
	{
		uint64		key = IdWord(id, len);

		for (uint32 i = WordHash(key) & t->words_mask; t->words[i] != 0;
			 i = (i + 1) & t->words_mask)
			if ((t->words[i] & WORD_ID_MASK) == key)
				return (int) (t->words[i] >> WORD_TYPE_SHIFT);
	}
	e = agents_lookup(t->hash, MakeKey(id, len));
	return e != NULL ? e->type : -1;
}

void
AgentTableRetype(AgentTable *t, const int *map, int ntypes, bool *has_type)
{
	agents_iterator it;
	AgentEntry *e;

	/* the general table first: the agents RefillWords moves there come with final types */
	agents_start_iterate(t->hash, &it);
	while ((e = agents_iterate(t->hash, &it)) != NULL)
		e->type = map[e->type];
	if (ntypes > WORD_MAX_TYPE + 1)
		RefillWords(t, map, t->words_used);
	else
		for (uint32 i = 0; i <= t->words_mask; i++)
			if (t->words[i] != 0)
				t->words[i] = (t->words[i] & WORD_ID_MASK) |
					((uint64) map[t->words[i] >> WORD_TYPE_SHIFT] << WORD_TYPE_SHIFT);
	for (uint32 i = 0; i <= t->words_mask; i++)
		if (t->words[i] != 0)
			has_type[t->words[i] >> WORD_TYPE_SHIFT] = true;
	agents_start_iterate(t->hash, &it);
	while ((e = agents_iterate(t->hash, &it)) != NULL)
		has_type[e->type] = true;
}
