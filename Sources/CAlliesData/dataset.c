#include "CAlliesData.h"

// Naming the file to the preprocessor puts it in the compiler's dependency file, so editing the JSON rebuilds
// this object (the .incbin below alone is invisible to the build system).
#if !__has_include("allies.json")
#error "Resources/allies.json is missing: the bundled dataset is built into the binary from it."
#endif

__asm__(".section .rodata\n"
        ".balign 16\n"
        "allies_dataset_start:\n"
        ".incbin \"allies.json\"\n"
        "allies_dataset_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const unsigned char allies_dataset_start[], allies_dataset_end[];

const unsigned char *allies_bundled_dataset(size_t *length) {
    *length = (size_t)(allies_dataset_end - allies_dataset_start);
    return allies_dataset_start;
}
