/* json_set: setting a member of a JSON object being built, or exiting when that fails. */
#include <stdio.h>
#include <stdlib.h>

#include "whowhen.h"

void
jset(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL || json_object_set_new(obj, key, value) != 0)
	{
		fprintf(stderr, "collcog-whowhen: cannot build JSON for key %s\n", key);
		exit(1);
	}
}
