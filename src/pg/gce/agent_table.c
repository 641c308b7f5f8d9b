/*
 * The agents of a run and their types (agent_table.h). An entry (20 bytes) holds the id's
 * length and either its bytes (up to 8) or a pointer to them, and the type; the hash is not
 * kept (short ids compare as fast as hashes would).
 */
#include "postgres.h"

#include "common/hashfn.h"

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
	agents_hash *hash;
	MemoryContext cxt;
};

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
	AgentEntry *e = agents_lookup(t->hash, MakeKey(id, len));

	return e != NULL ? e->type : -1;
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
}
