/*
 * module.c — opening the library's modules (module.h): the shared object
 * beside the program, else the one in the build tree, each opened once
 * under a lock and kept until the process ends.
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/module.h"

#ifndef IVP_MODULE_DIR
#define IVP_MODULE_DIR "."
#endif

#define MAX_MODULES 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const char *name;
	void *handle;
} opened[MAX_MODULES];

/* The folder of the running program into dir ("" when unknown). */
static void program_dir(char *dir, size_t n)
{
	ssize_t k = readlink("/proc/self/exe", dir, n - 1);
	char *slash;

	dir[0] = '\0';
	if (k <= 0 || (size_t)k >= n - 1)
		return;
	dir[k] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		dir[0] = '\0';
}

static void *open_module(const char *name, char *err, size_t errsz)
{
	char dir[PATH_MAX], path[PATH_MAX + 64];
	void *h = NULL;

	program_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/ivp-%s.so", dir, name);
	if (!dir[0] || access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/ivp-%s.so", IVP_MODULE_DIR, name);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();

		snprintf(err, errsz, "%s", why ? why : path);
	}
	return h;
}

const void *ivp__module(const char *name, const char *sym, char *err, size_t errsz)
{
	void *h = NULL, *t;
	int i;

	err[0] = '\0';
	pthread_mutex_lock(&lock);
	for (i = 0; i < MAX_MODULES && opened[i].name; i++)
		if (!strcmp(opened[i].name, name)) {
			h = opened[i].handle;
			break;
		}
	if (!h && i < MAX_MODULES && (h = open_module(name, err, errsz))) {
		opened[i].name = name;
		opened[i].handle = h;
	}
	pthread_mutex_unlock(&lock);
	if (!h) {
		if (!err[0])
			snprintf(err, errsz, "too many modules");
		return NULL;
	}
	(void)dlerror();
	t = dlsym(h, sym);
	if (!t) {
		const char *why = dlerror();

		snprintf(err, errsz, "%s", why ? why : sym);
	}
	return t;
}
