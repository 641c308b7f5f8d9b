/*
 * The agents of a run and their types (agent_table.h). The entry holds the id's length and
 * either its bytes (up to 8) or a pointer to them, the hash, and the type.
 */
#include "postgres.h"

#include "common/hashfn.h"

#include "agent_table.h"

typedef struct AgentKey
{
	uint32		len;
	union
	{
		char		bytes[8];	/* len <= 8 */
		const char *ptr;		/* len > 8 */
	}			id;
} AgentKey;

typedef struct AgentEntry
{
	AgentKey	key;
	uint32		hash;
	int32		type;
	char		status;
} AgentEntry;

static inline const char *
KeyBytes(const AgentKey *k)
{
	return k->len <= sizeof(k->id.bytes) ? k->id.bytes : k->id.ptr;
}

static inline bool
KeysEqual(const AgentKey *a, const AgentKey *b)
{
	return a->len == b->len && memcmp(KeyBytes(a), KeyBytes(b), a->len) == 0;
}

#define SH_PREFIX agents
#define SH_ELEMENT_TYPE AgentEntry
#define SH_KEY_TYPE AgentKey
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_bytes((const unsigned char *) KeyBytes(&(k)), (k).len)
#define SH_EQUAL(tb, a, b) KeysEqual(&(a), &(b))
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) a->hash
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
	if (len <= (int) sizeof(k.id.bytes))
	{
		memset(k.id.bytes, 0, sizeof(k.id.bytes));
		memcpy(k.id.bytes, id, len);
	}
	else
		k.id.ptr = id;
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

	if (len > (int) sizeof(k.id.bytes))
	{
		char	   *copy = MemoryContextAlloc(t->cxt, len);

		memcpy(copy, id, len);
		k.id.ptr = copy;
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
