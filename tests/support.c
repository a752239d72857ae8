/*
 * support.c - see support.h.
 */
#include "tests/support.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parser/util.h"

#include <criterion/alloc.h>

char *
test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (!f)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	if (!b.data)
		buf_add(&b, "", 0);
	return buf_steal(&b);
}

const char *
test_corpus_dir(void)
{
	const char *d = getenv("IPXE_CORPUS");
	struct stat st;

	if (!d || !*d)
		d = "../shared/corpus";
	return stat(d, &st) == 0 && S_ISDIR(st.st_mode) ? d : NULL;
}

const char *
test_build_dir(void)
{
	const char *d = getenv("BUILD");

	return d && *d ? d : "build";
}

char *
test_run(const char *const argv[], const char *stdin_data, int *status,
	 char **err)
{
	size_t outlen;

	return test_run_bytes(argv, stdin_data,
			      stdin_data ? strlen(stdin_data) : 0, &outlen,
			      status, err);
}

char *
test_run_bytes(const char *const argv[], const char *stdin_data,
	       size_t inlen, size_t *outlen, int *status, char **err)
{
	int in[2], out[2], errp[2];
	struct buf o, e;
	size_t inpos = 0;
	pid_t pid;
	int st;

	if (pipe(in) || pipe(out) || pipe(errp))
		abort();
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(errp[1], 2);
		close(in[0]); close(in[1]);
		close(out[0]); close(out[1]);
		close(errp[0]); close(errp[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(errp[1]);
	signal(SIGPIPE, SIG_IGN);
	buf_init(&o);
	buf_init(&e);
	if (!inlen) {
		close(in[1]);
		in[1] = -1;
	}
	for (;;) {
		struct pollfd p[3] = {
			{ out[0], POLLIN, 0 }, { errp[0], POLLIN, 0 },
			{ in[1], POLLOUT, 0 },
		};
		char chunk[8192];
		ssize_t n;

		if (p[0].fd < 0 && p[1].fd < 0)
			break;
		if (poll(p, 3, -1) < 0 && errno != EINTR)
			abort();
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(p[i].fd, chunk, sizeof(chunk));
			if (n <= 0) {
				close(p[i].fd);
				if (i == 0)
					out[0] = -1;
				else
					errp[0] = -1;
			} else {
				buf_add(i == 0 ? &o : &e, chunk, (size_t)n);
			}
		}
		if (in[1] >= 0 && (p[2].revents & (POLLOUT | POLLERR))) {
			n = write(in[1], stdin_data + inpos, inlen - inpos);
			if (n > 0)
				inpos += (size_t)n;
			if (n < 0 || inpos == inlen) {
				close(in[1]);
				in[1] = -1;
			}
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	waitpid(pid, &st, 0);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (err)
		*err = buf_steal(&e);
	else
		buf_fini(&e);
	*outlen = o.len;
	return buf_steal(&o);
}

void *
test_cr_copy(const void *p, size_t n)
{
	void *q;

	if (!n)
		return NULL;
	q = cr_malloc(n);
	if (!q)
		abort();
	memcpy(q, p, n);
	return q;
}
