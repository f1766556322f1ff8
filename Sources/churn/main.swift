import ChurnCLI

// Before any work: re-execute once with the right OpenBLAS kernels when the library fell back to
// narrow ones on this processor (see `BLASKernelRelaunch`; `churn doctor` reports it).
BLASKernelRelaunch.relaunchIfNeeded()
ChurnCommand.main()
