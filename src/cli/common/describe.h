/* describe: values quoted for error messages. */
#ifndef COLLCOG_CLI_DESCRIBE_H
#define COLLCOG_CLI_DESCRIBE_H

#include <stddef.h>

/* Describe bytes for an error message: quoted, control characters escaped, long text cut. */
void		describe_text(char *dst, size_t dstsize, const char *s, size_t len);

#endif
