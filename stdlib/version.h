/*
 * version.h - the version both tools report (--version, SARIF): the
 * `git describe` of the source, or what `make VERSION=...` was given.
 * It lives in one generated file, $(BUILD)/gen/version.c, which the
 * Makefile rewrites only when the version changes, so that every object
 * reports the same version however incremental the build was.
 */
#ifndef IPXE_VERSION_H
#define IPXE_VERSION_H

extern const char ipxekit_version[];

#endif
