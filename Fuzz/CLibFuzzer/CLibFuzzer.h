// libFuzzer's driver entry point (compiler-rt's FuzzerInterface.h; the library itself is linked by
// -sanitize=fuzzer). churn-fuzz calls it from its own main: SwiftPM links a Swift executable with
// main renamed to the module's entry point, so libFuzzer's main cannot be the one that runs.
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command-line arguments, calling `callback` on each input; returns the
/// process's exit status.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
