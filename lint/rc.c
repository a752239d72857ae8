/*
 * rc.c - .ipxelintrc files (format in rc.h): found by walking up from a
 * script's directory, read line by line into the settings the command
 * line also sets, and matched against paths for "ignore".
 */
#include "lint/rc.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/util.h"

/* Removes blanks at both ends of [*p, *e). */
static void
trim(char **p, char **e)
{
	while (*p < *e && (**p == ' ' || **p == '\t'))
		(*p)++;
	while (*e > *p && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
			   (*e)[-1] == '\r'))
		(*e)--;
}

static int
set_key(struct rc *rc, const char *key, const char *value, char *err)
{
	if (!strcmp(key, "exclude") || !strcmp(key, "disable"))
		return settings_codes(&rc->set, value, false, err);
	if (!strcmp(key, "enable"))
		return settings_codes(&rc->set, value, true, err);
	if (!strcmp(key, "severity"))
		return settings_severity(&rc->set, value, err);
	if (!strcmp(key, "build"))
		return settings_build(&rc->set, value, rc->dir, err);
	if (!strcmp(key, "root")) {
		if (!*value) {
			snprintf(err, CLI_ERR_MAX, "root needs a directory");
			return -1;
		}
		settings_root(&rc->set, value, rc->dir);
		return 0;
	}
	if (!strcmp(key, "map"))
		return settings_map(&rc->set, value, rc->dir, err);
	if (!strcmp(key, "allow-host"))
		return settings_host(&rc->set, value, err);
	if (!strcmp(key, "ignore")) {
		if (!*value) {
			snprintf(err, CLI_ERR_MAX, "ignore needs a pattern");
			return -1;
		}
		rc->set.ignore = xrealloc(rc->set.ignore,
					  (rc->set.nignore + 1) *
						  sizeof(*rc->set.ignore));
		rc->set.ignore[rc->set.nignore++] = xstrdup(value);
		return 0;
	}
	snprintf(err, CLI_ERR_MAX, "unknown key '%s' (exclude, enable, "
		 "severity, build, root, map, allow-host, ignore)", key);
	return -1;
}

int
rc_parse(struct rc *rc, const char *path, const char *text, char *err)
{
	char *copy = xstrdup(text), *line = copy, *slash;
	unsigned lineno = 0;
	int status = 0;

	memset(rc, 0, sizeof(*rc));
	settings_init(&rc->set);
	rc->path = xstrdup(path);
	rc->dir = xstrdup(path);
	slash = strrchr(rc->dir, '/');
	if (slash)
		*(slash == rc->dir ? slash + 1 : slash) = '\0';
	else
		strcpy(rc->dir, ".");
	while (line && status == 0) {
		char *next = strchr(line, '\n'), *end, *eq, *k, *ke, *v, *ve;
		char why[CLI_ERR_MAX];

		if (next)
			*next++ = '\0';
		lineno++;
		/* a comment: '#' at the start or after a blank */
		for (end = line; *end; end++)
			if (*end == '#' && (end == line || end[-1] == ' ' ||
					    end[-1] == '\t'))
				break;
		k = line;
		trim(&k, &end);
		if (k == end) {
			line = next;
			continue;
		}
		*end = '\0';
		eq = strchr(k, '=');
		if (!eq) {
			snprintf(err, CLI_ERR_MAX, "%s:%u: expected 'key = "
				 "value', not '%s'", path, lineno, k);
			status = -1;
			break;
		}
		ke = eq;
		v = eq + 1;
		ve = end;
		trim(&k, &ke);
		trim(&v, &ve);
		*ke = '\0';
		*ve = '\0';
		if (set_key(rc, k, v, why) != 0) {
			snprintf(err, CLI_ERR_MAX, "%.200s:%u: %.300s", path,
				 lineno, why);
			status = -1;
		}
		line = next;
	}
	free(copy);
	return status;
}

int
rc_load(struct rc *rc, const char *path, char *err)
{
	FILE *f = fopen(path, "r");
	struct buf b;
	char chunk[4096];
	size_t n;
	int status;

	memset(rc, 0, sizeof(*rc));
	if (!f) {
		snprintf(err, CLI_ERR_MAX, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		snprintf(err, CLI_ERR_MAX, "%s: %s", path, strerror(errno));
		fclose(f);
		buf_fini(&b);
		return -1;
	}
	fclose(f);
	if (b.data && strlen(b.data) != b.len) {
		snprintf(err, CLI_ERR_MAX, "%s: a NUL byte: not a text file",
			 path);
		buf_fini(&b);
		return -1;
	}
	status = rc_parse(rc, path, b.data ? b.data : "", err);
	buf_fini(&b);
	return status;
}

void
rc_fini(struct rc *rc)
{
	free(rc->path);
	free(rc->dir);
	settings_fini(&rc->set);
	memset(rc, 0, sizeof(*rc));
}

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

char *
rc_find(const char *dir)
{
	struct buf b;
	char *d = xstrdup(dir);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	buf_init(&b);
	for (;;) {
		char *slash;

		buf_reset(&b);
		buf_printf(&b, "%s/%s", strcmp(d, "/") ? d : "", RC_NAME);
		if (exists(b.data)) {
			free(d);
			return buf_steal(&b);
		}
		slash = strrchr(d, '/');
		if (!slash || !strcmp(d, "/"))
			break;
		*(slash == d ? slash + 1 : slash) = '\0';
	}
	free(d);
	buf_reset(&b);
	if (xdg && *xdg)
		buf_printf(&b, "%s/ipxelint/rc", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/ipxelint/rc", home);
	if (b.len && exists(b.data))
		return buf_steal(&b);
	buf_fini(&b);
	return NULL;
}

const char *
rc_ignores(const struct rc *rc, const char *path)
{
	size_t dlen = strlen(rc->dir);
	const char *rel;
	char *copy;
	const char *hit = NULL;

	if (!rc->set.nignore)
		return NULL;
	if (!strcmp(rc->dir, "/"))
		rel = path + 1;
	else if (!strncmp(path, rc->dir, dlen) && path[dlen] == '/')
		rel = path + dlen + 1;
	else
		return NULL;
	copy = xstrdup(rel);
	for (size_t i = 0; i < rc->set.nignore && !hit; i++) {
		const char *pat = rc->set.ignore[i];
		char p[1024];
		size_t plen;

		/* "/vendor/" means "vendor/" means "vendor" anchored */
		while (*pat == '/')
			pat++;
		plen = strlen(pat);
		while (plen && pat[plen - 1] == '/')
			plen--;
		if (!plen || plen >= sizeof(p))
			continue;
		memcpy(p, pat, plen);
		p[plen] = '\0';
		if (strchr(p, '/')) {
			/* each leading part: "a", "a/b", "a/b/c.ipxe" */
			for (char *s = copy;; s++) {
				if (*s == '/' || !*s) {
					char c = *s;

					*s = '\0';
					if (!fnmatch(p, copy, FNM_PATHNAME))
						hit = rc->set.ignore[i];
					*s = c;
					if (!c || hit)
						break;
				}
			}
		} else {
			for (const char *s = rel; *s && !hit;) {
				size_t n = strcspn(s, "/");
				char name[1024];

				if (n < sizeof(name)) {
					memcpy(name, s, n);
					name[n] = '\0';
					if (!fnmatch(p, name, 0))
						hit = rc->set.ignore[i];
				}
				s += n + (s[n] == '/');
			}
		}
	}
	free(copy);
	return hit;
}

char *
rc_abspath(const char *path)
{
	struct buf in, out;
	char cwd[4096];
	char *s, *save, *w;

	buf_init(&in);
	if (path[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			strcpy(cwd, "/");
		buf_printf(&in, "%s/", cwd);
	}
	buf_adds(&in, path);
	buf_init(&out);
	s = in.data;
	for (w = strtok_r(s, "/", &save); w; w = strtok_r(NULL, "/", &save)) {
		if (!strcmp(w, "."))
			continue;
		if (!strcmp(w, "..")) {
			char *slash = out.data ? strrchr(out.data, '/') : NULL;

			if (slash) {
				out.len = (size_t)(slash - out.data);
				out.data[out.len] = '\0';
			}
			continue;
		}
		buf_printf(&out, "/%s", w);
	}
	if (!out.len)
		buf_adds(&out, "/");
	buf_fini(&in);
	return buf_steal(&out);
}
