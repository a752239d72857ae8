/*
 * support.h - helpers shared by the test programs: reading files, finding
 * the corpus, running a built tool and capturing its output.
 */
#ifndef IPXE_TEST_SUPPORT_H
#define IPXE_TEST_SUPPORT_H

#include <stddef.h>

/* Whole file as a NUL-terminated malloc'd string (length in *len if not
 * NULL); NULL if it cannot be read. */
char *test_read_file(const char *path, size_t *len);
/* The corpus directory ($IPXE_CORPUS or ../shared/corpus), or NULL when
 * it is absent (tests then skip with a message). */
const char *test_corpus_dir(void);
/* The build directory of the binaries under test ($BUILD or "build"). */
const char *test_build_dir(void);
/*
 * Runs argv (argv[0] a path), feeding stdin_data (may be NULL) and
 * returning everything it wrote to stdout (malloc'd); the exit status
 * goes to *status (-1 if it died of a signal) and, if err is not NULL,
 * its stderr to *err (malloc'd).
 */
char *test_run(const char *const argv[], const char *stdin_data,
	       int *status, char **err);
/* As test_run(), for bytes: stdin is inlen bytes of stdin_data (NUL bytes
 * included) and the length of the output, which may hold NUL bytes, goes
 * to *outlen. */
char *test_run_bytes(const char *const argv[], const char *stdin_data,
		     size_t inlen, size_t *outlen, int *status, char **err);

/* A cr_malloc'd copy of n bytes (NULL when n is 0), for Criterion's
 * parameter arrays, which must live in its shared heap. */
void *test_cr_copy(const void *p, size_t n);

#endif
