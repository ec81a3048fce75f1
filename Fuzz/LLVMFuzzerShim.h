#ifndef LLVM_FUZZER_SHIM_H
#define LLVM_FUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's own mutation of the input, for a custom mutator to fall back on (provided by -sanitize=fuzzer).
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

#endif
