/*
 * replay.c — run a fuzz target over corpus files without libFuzzer (like
 * SQLite's fuzzcheck): `replay_X FILE|DIR…`. Built with the normal test
 * build (ASan+UBSan), so `make test` replays every corpus.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0) {
		(void)fclose(f);
		return -1;
	}
	rewind(f);
	buf = malloc(len > 0 ? (size_t)len : 1);
	if (!buf || (len > 0 && fread(buf, 1, (size_t)len, f) != (size_t)len)) {
		free(buf);
		(void)fclose(f); /* read only */
		return -1;
	}
	(void)fclose(f); /* read only */
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	(*n)++;
	return 0;
}

int main(int argc, char **argv)
{
	long n = 0;
	int i;

	for (i = 1; i < argc; i++) {
		struct stat sb;

		if (stat(argv[i], &sb))
			return fprintf(stderr, "replay: cannot stat %s\n", argv[i]), 1;
		if (S_ISDIR(sb.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			char p[4096];

			while (d && (e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				snprintf(p, sizeof(p), "%s/%s", argv[i], e->d_name);
				if (one(p, &n))
					return fprintf(stderr, "replay: cannot read %s\n", p), 1;
			}
			if (d)
				closedir(d);
		} else if (one(argv[i], &n)) {
			return fprintf(stderr, "replay: cannot read %s\n", argv[i]), 1;
		}
	}
	printf("replayed %ld inputs\n", n);
	return 0;
}
