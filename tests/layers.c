/*
 * layers.c — the program each server layer is linked into on its own and
 * whole (every object of its archive, tests/CMakeLists.txt): a layer that
 * calls a function of a layer above it (the transport calling a page, the
 * API calling the route table) leaves that symbol undefined and the build
 * fails. It is run as ctest layers_link_*, and only says which layer it is.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("layer %s links on its own\n", argc > 1 ? argv[1] : "?");
	return 0;
}
