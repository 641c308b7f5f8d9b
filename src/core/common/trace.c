/*
 * The trace schema's identifiers (bytewise order) and event types (by name); see
 * collcog/common.h.
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

/* Bytewise equality. */
bool
cc_str_eq(cc_str a, cc_str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Bytewise order; a proper prefix sorts first. */
int
cc_str_cmp(cc_str a, cc_str b)
{
	size_t		n = a.len < b.len ? a.len : b.len;
	int			c = n ? memcmp(a.ptr, b.ptr, n) : 0;

	if (c != 0)
		return c < 0 ? -1 : 1;
	return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}
