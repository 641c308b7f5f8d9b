/*
 * The event types of the trace schema, by name (see collcog/common.h).
 */
#include "collcog/common.h"

#include <string.h>

const char *const cc_event_type_names[CC_EV_NTYPES] = {
	"propose", "revise", "contradict", "merge", "delegate", "endorse"
};

/* The paper's names (App. E.2). */
static const char *const event_type_long_names[CC_EV_NTYPES] = {
	"propose_claim", "revise_claim", "contradict_claim", "merge_claims",
	"delegate_subtask", "endorse_claim"
};

/* Event type from its name, either spelling. */
int
cc_event_type_parse(const char *s, size_t len, cc_event_type *out)
{
	int			t;

	if (s == NULL)
		return -1;
	for (t = 0; t < CC_EV_NTYPES; t++)
	{
		if ((strlen(cc_event_type_names[t]) == len && memcmp(s, cc_event_type_names[t], len) == 0) ||
			(strlen(event_type_long_names[t]) == len &&
			 memcmp(s, event_type_long_names[t], len) == 0))
		{
			*out = (cc_event_type) t;
			return 0;
		}
	}
	return -1;
}

/* Canonical name of an event type. */
const char *
cc_event_type_name(cc_event_type t)
{
	if ((int) t < 0 || (int) t >= CC_EV_NTYPES)
		return NULL;
	return cc_event_type_names[t];
}

int
cc_event_type_creates_claim(cc_event_type t)
{
	return t == CC_EV_PROPOSE || t == CC_EV_REVISE || t == CC_EV_CONTRADICT || t == CC_EV_MERGE;
}
