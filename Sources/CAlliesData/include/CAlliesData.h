#ifndef CALLIESDATA_H
#define CALLIESDATA_H
#include <stddef.h>

/// The bytes of Resources/allies.json as they were at build time. Not NUL-terminated in `length`.
const unsigned char *allies_bundled_dataset(size_t *length);

#endif
