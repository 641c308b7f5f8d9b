/*
 * e3_walk: the run folders of a path: the path itself when it is an events file or a folder
 * holding events.jsonl, else every such folder below it, in a walk sorted bytewise by name
 * at every level (the order does not depend on the file system). A folder with
 * run_config.json or run_metadata.json but no events.jsonl is an error; the folders inside
 * a run folder are not searched.
 */
#include "e3_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_report.h"

/* Deeper than this is taken for a loop of symbolic links. */
#define E3_MAX_DEPTH 64

static char *
join_path(const char *dir, const char *name)
{
	StrBuf		p;
	size_t		n = strlen(dir);

	strbuf_init(&p);
	strbuf_appends(&p, dir);
	if (n > 0 && dir[n - 1] != '/')
		strbuf_appendc(&p, '/');
	strbuf_appends(&p, name);
	return p.data;
}

/* Whether path is a regular file (following links); *size its length. */
static bool
is_file(const char *path, int64_t *size)
{
	struct stat sb;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	if (size != NULL)
		*size = (int64_t) sb.st_size;
	return true;
}

/* The optional file name beside events, or NULL when absent. */
static char *
beside(const char *dir, const char *name)
{
	char	   *p = join_path(dir, name);

	if (is_file(p, NULL))
		return p;
	free(p);
	return NULL;
}

static void
add_folder(E3Folders *out, const char *dir, char *events, int64_t size)
{
	E3Folder   *f;

	out->folders = xgrow(out->folders, out->n, &out->cap, sizeof(E3Folder), 64);
	f = &out->folders[out->n++];
	f->events = events;
	f->config = beside(dir, "run_config.json");
	f->metadata = beside(dir, "run_metadata.json");
	f->size = size;
	out->total_bytes += size;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The entries of dir other than . and .., sorted, in *names; false after reporting an
 * error. */
static bool
sorted_entries(const char *dir, char ***out, size_t *n)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;
	char	  **names = NULL;
	size_t		cap = 0;
	StrBuf		msg;

	*n = 0;
	*out = NULL;
	if (d == NULL)
	{
		strbuf_init(&msg);
		strbuf_appendf(&msg, "cannot read the folder: %s", strerror(errno));
		load_report(dir, 0, msg.data);
		strbuf_free(&msg);
		return false;
	}
	while ((de = readdir(d)) != NULL)
	{
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		names = xgrow(names, *n, &cap, sizeof(char *), 32);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof(char *), compare_names);
	*out = names;
	return true;
}

/* Collect the run folders at or below dir; false after reporting an error. */
static bool
walk(const char *dir, int depth, E3Folders *out)
{
	char	   *events = join_path(dir, "events.jsonl");
	char	  **names;
	size_t		n,
				i;
	int64_t		size = 0;
	bool		ok = true;

	if (is_file(events, &size))
	{
		add_folder(out, dir, events, size);
		return true;
	}
	free(events);
	if (depth > E3_MAX_DEPTH)
	{
		load_report(dir, 0, "folders nested more than 64 deep (a loop of symbolic links?)");
		return false;
	}
	if (!sorted_entries(dir, &names, &n))
		return false;
	for (i = 0; i < n; i++)
	{
		char	   *child = join_path(dir, names[i]);
		struct stat sb;

		if (ok && (strcmp(names[i], "run_config.json") == 0 ||
				   strcmp(names[i], "run_metadata.json") == 0))
		{
			load_report(dir, 0, "a run folder without events.jsonl (it holds run_config.json "
						"or run_metadata.json)");
			ok = false;
		}
		if (ok && stat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
			ok = walk(child, depth + 1, out);
		free(child);
		free(names[i]);
	}
	free(names);
	return ok;
}

bool
e3_find_folders(const char *path, E3Folders *out)
{
	struct stat sb;
	int64_t		size = 0;

	memset(out, 0, sizeof(*out));
	if (stat(path, &sb) != 0)
	{
		StrBuf		msg;

		strbuf_init(&msg);
		strbuf_appendf(&msg, "cannot open: %s", strerror(errno));
		load_report(path, 0, msg.data);
		strbuf_free(&msg);
		return false;
	}
	if (!S_ISDIR(sb.st_mode))
	{
		/* an events file given by name: its folder holds the config and metadata */
		char	   *dir = xstrdup(path);
		char	   *slash = strrchr(dir, '/');

		if (slash == NULL)
			strcpy(dir, ".");
		else
			slash[slash == dir ? 1 : 0] = '\0';
		is_file(path, &size);
		add_folder(out, dir, xstrdup(path), size);
		free(dir);
		return true;
	}
	if (!walk(path, 0, out))
	{
		e3_free_folders(out);
		return false;
	}
	if (out->n == 0)
	{
		load_report(path, 0, "no events.jsonl in this folder or below it");
		return false;
	}
	return true;
}

void
e3_free_folders(E3Folders *f)
{
	size_t		i;

	for (i = 0; i < f->n; i++)
	{
		free(f->folders[i].events);
		free(f->folders[i].config);
		free(f->folders[i].metadata);
	}
	free(f->folders);
	memset(f, 0, sizeof(*f));
}
