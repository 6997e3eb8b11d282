/*
** version.c: the library's version and the versions of the libraries it
** is built on, for `summarize --version` and bug reports. (libyaml is the
** Lua module's, for policies: the binding reports it.)
*/
#include <utf8proc.h>

#include "internal.h"

/* md4c and gumbo have no version call: the build passes what pkg-config
** said (the Makefile; a build without it, such as LuaRocks', knows none) */
#if defined(PRECIS_MD4C_VERSION)
#define MD4C_VERSION PRECIS_MD4C_VERSION
#else
#define MD4C_VERSION NULL
#endif
#if defined(PRECIS_GUMBO_VERSION)
#define GUMBO_VERSION PRECIS_GUMBO_VERSION
#else
#define GUMBO_VERSION NULL
#endif

const char *precis_version(void) { return PRECIS_VERSION; }

const char *precis_dependency(size_t k, const char **version, int *runtime) {
  const char *name, *v = NULL;
  int rt = 0;
  switch (k) {
    case 0: name = "utf8proc"; v = utf8proc_version(); rt = 1; break;
    case 1: name = "md4c"; v = MD4C_VERSION; break;
    case 2: name = "gumbo"; v = GUMBO_VERSION; break;
    case 3: name = "libstemmer"; break; /* no version call, no .pc file */
    default: return NULL;
  }
  if (version != NULL) *version = v;
  if (runtime != NULL) *runtime = rt;
  return name;
}
