/*
 * The agents of a run and their types (agent_table.h). They are added to a general table
 * (PostgreSQL's simplehash) whose entries (16 bytes) hold the id's length and either its
 * bytes (up to 8) or a pointer to them, and the type. Once the types are final
 * (AgentTableRetype), the agents with ids of 1 to 7 bytes and types below 255, the common
 * case, move to a table of 64-bit words: the id's bytes zero-padded (text has no zero byte,
 * so the padding tells the length) and the type in the last byte. Half the memory of an
 * entry: more of a run's agents stay in the cache while its messages are looked up.
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
	agents_hash *hash;			/* the agents, those not in words once retyped */
	MemoryContext cxt;
	uint64	   *words;			/* NULL until retyped; a zero word is an empty slot */
	uint32		words_mask;
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

AgentTable *
AgentTableCreate(MemoryContext cxt, uint32 expected)
{
	AgentTable *t = MemoryContextAlloc(cxt, sizeof(AgentTable));

	t->cxt = cxt;
	t->hash = agents_create(cxt, Max(expected, 16), NULL);
	t->words = NULL;
	return t;
}

void
AgentTableAdd(AgentTable *t, const char *id, int len, int type)
{
	AgentKey	k = MakeKey(id, len);
	AgentEntry *e;
	bool		found;

	if (len > (int) sizeof(k.id))
	{
		char	   *copy = MemoryContextAlloc(t->cxt, len);

		memcpy(copy, id, len);
		memcpy(k.id, &copy, sizeof(copy));
	}
	e = agents_insert(t->hash, k, &found);
	e->type = type;
}

int
AgentTableFind(AgentTable *t, const char *id, int len)
{
	AgentEntry *e;

	if (t->words != NULL && WordId(len))
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

/* The agents that fit in a word move from the general table to words (see the top). */
static void
MoveToWords(AgentTable *t)
{
	/* a power of two, at most three quarters full */
	uint32		size = pg_nextpower2_32(Max(t->hash->members + t->hash->members / 3 + 1, 16));
	agents_hash *rest = agents_create(t->cxt, 16, NULL);
	agents_iterator it;
	AgentEntry *e;

	t->words = MemoryContextAllocExtended(t->cxt, sizeof(uint64) * size,
										  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	t->words_mask = size - 1;
	agents_start_iterate(t->hash, &it);
	while ((e = agents_iterate(t->hash, &it)) != NULL)
	{
		if (WordId(e->key.len) && e->type <= WORD_MAX_TYPE)
		{
			uint64		key = IdWord(e->key.id, e->key.len);
			uint32		i = WordHash(key) & t->words_mask;

			while (t->words[i] != 0)
				i = (i + 1) & t->words_mask;
			t->words[i] = key | ((uint64) e->type << WORD_TYPE_SHIFT);
		}
		else
		{
			bool		found;

			agents_insert(rest, e->key, &found)->type = e->type;
		}
	}
	agents_destroy(t->hash);
	t->hash = rest;
}

void
AgentTableRetype(AgentTable *t, const int *map, bool *has_type)
{
	agents_iterator it;
	AgentEntry *e;

	agents_start_iterate(t->hash, &it);
	while ((e = agents_iterate(t->hash, &it)) != NULL)
	{
		e->type = map[e->type];
		has_type[e->type] = true;
	}
	MoveToWords(t);
}
