/*
 * A run's agents and their types, for the reader of messages: agent id -> type index, in
 * open-addressing tables whose entries keep short ids in themselves, so that the lookup of
 * a message's agent touches one cache line (agent_table.c says how).
 */
#ifndef COLLCOG_GCE_AGENT_TABLE_H
#define COLLCOG_GCE_AGENT_TABLE_H

#include "postgres.h"

typedef struct AgentTable AgentTable;

/* An empty table in cxt, sized for expected agents. */
extern AgentTable *AgentTableCreate(MemoryContext cxt, uint32 expected);
/* Agent id (len bytes, copied) is of type type; agents are added before the retyping. */
extern void AgentTableAdd(AgentTable *t, const char *id, int len, int type);
/* The type of agent id (len bytes), or -1 when the table has no such agent. */
extern int	AgentTableFind(AgentTable *t, const char *id, int len);

/* Every agent's type becomes map[type], its final type among ntypes; has_type[map[type]] is
 * set for each. */
extern void AgentTableRetype(AgentTable *t, const int *map, int ntypes, bool *has_type);

#endif							/* COLLCOG_GCE_AGENT_TABLE_H */
