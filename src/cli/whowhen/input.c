/* input: finding the run files the command line names, and their order. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "whowhen.h"

const char *const subset_dir[N_SUBSETS] = {"Algorithm-Generated", "Hand-Crafted"};
const char *const subset_prefix[N_SUBSETS] = {"AG", "HC"};

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static char *
join_path(const char *dir, const char *name)
{
	char	   *path = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(path, "%s/%s", dir, name);
	return path;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The subset whose folder is called name; -1 if none. */
static int
subset_named(const char *name)
{
	for (int s = 0; s < N_SUBSETS; s++)
		if (strcmp(name, subset_dir[s]) == 0)
			return s;
	return -1;
}

static void
add_file(FileList *list, const char *path, Subset subset)
{
	const char *base = base_name(path);
	const char *dot = strrchr(base, '.');
	InputFile  *f;
	char	   *endp;

	list->items = xgrow(list->items, list->n, &list->cap, sizeof(InputFile), 256);
	f = &list->items[list->n++];
	f->path = xstrdup(path);
	f->subset = subset;
	f->stem = xstrdup(base);
	if (dot != NULL && dot != base)
		f->stem[dot - base] = '\0';
	errno = 0;
	f->number = strtol(f->stem, &endp, 10);
	f->numeric = f->stem[0] != '\0' && *endp == '\0' && errno == 0 && isdigit((unsigned char) f->stem[0]);
}

/* Add every *.json file of dir (not recursive). */
static void
add_dir(FileList *list, const char *dir, Subset subset)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
	{
		fail(dir, "cannot open folder: %s", strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL)
	{
		size_t		n = strlen(de->d_name);
		char	   *path;

		if (n <= 5 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		path = join_path(dir, de->d_name);
		add_file(list, path, subset);
		free(path);
	}
	closedir(d);
}

/* A folder holding the subset folders, or one of them. */
static void
add_folder(FileList *list, const char *dir)
{
	bool		has_subset_folder = false;
	int			s;

	for (s = 0; s < N_SUBSETS; s++)
	{
		char	   *sub = join_path(dir, subset_dir[s]);

		if (is_dir(sub))
		{
			add_dir(list, sub, (Subset) s);
			has_subset_folder = true;
		}
		free(sub);
	}
	if (has_subset_folder)
		return;
	s = subset_named(base_name(dir));
	if (s >= 0)
		add_dir(list, dir, (Subset) s);
	else
		fail(dir, "no Algorithm-Generated/ or Hand-Crafted/ folder in it");
}

/* The subset of a file from the name of its folder; -1 if that does not say. */
static int
subset_of_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char	   *folder;
	int			s;

	if (slash == NULL)
		return -1;
	folder = xstrndup(path, (size_t) (slash - path));
	s = subset_named(base_name(folder));
	free(folder);
	return s;
}

/* The subset of a file from its contents; -1 when the file is not JSON or does not say
 * (reported). */
static int
subset_of_content(const char *path)
{
	json_error_t err;
	json_t	   *root = json_load_file(path, 0, &err);
	int			s = -1;

	if (root == NULL)
		return fail(path, "invalid JSON at line %d, column %d: %s", err.line, err.column, err.text);
	if (json_is_object(root))
	{
		if (json_object_get(root, "is_correct") != NULL)
			s = SUBSET_AG;
		else if (json_object_get(root, "is_corrected") != NULL)
			s = SUBSET_HC;
	}
	json_decref(root);
	if (s < 0)
		fail(path, "cannot tell the subset: not in an Algorithm-Generated/ or Hand-Crafted/ folder, and neither \"is_correct\" nor \"is_corrected\" is present");
	return s;
}

static void
add_path(FileList *list, const char *path)
{
	char	   *p = xstrdup(path);
	size_t		n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	if (is_dir(p))
		add_folder(list, p);
	else if (access(p, R_OK) != 0)
		fail(p, "cannot read: %s", strerror(errno));
	else
	{
		int			s = subset_of_path(p);

		if (s < 0)
			s = subset_of_content(p);
		if (s >= 0)
			add_file(list, p, (Subset) s);
	}
	free(p);
}

static int
cmp_input(const void *a, const void *b)
{
	const InputFile *x = a,
			   *y = b;

	if (x->subset != y->subset)
		return x->subset < y->subset ? -1 : 1;
	if (x->numeric != y->numeric)
		return x->numeric ? -1 : 1;
	if (x->numeric && x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if (strcmp(x->stem, y->stem) != 0)
		return strcmp(x->stem, y->stem);
	return strcmp(x->path, y->path);
}

void
collect_inputs(FileList *list, char *const *paths, int n_paths)
{
	memset(list, 0, sizeof(*list));
	for (int i = 0; i < n_paths; i++)
		add_path(list, paths[i]);
	if (list->n > 1)
		qsort(list->items, list->n, sizeof(InputFile), cmp_input);
	for (size_t i = 0; i + 1 < list->n; i++)
		if (list->items[i].subset == list->items[i + 1].subset
			&& strcmp(list->items[i].stem, list->items[i + 1].stem) == 0)
			fail(list->items[i + 1].path, "run %s/%s is also given as %s",
				 subset_prefix[list->items[i].subset], list->items[i].stem, list->items[i].path);
	if (list->n == 0 && !had_error)
		fail("collcog-whowhen", "no run files found");
}

void
file_list_free(FileList *list)
{
	for (size_t i = 0; i < list->n; i++)
	{
		free(list->items[i].path);
		free(list->items[i].stem);
	}
	free(list->items);
}
