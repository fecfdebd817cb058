// libFuzzer's entry point for programs with their own main (compiler-rt's FuzzerInterface.h, LLVM 11 and later).
// Linked from clang's runtime (libclang_rt.fuzzer) by -sanitize=fuzzer; declared here so Swift can call it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
