import ChurnCLI

// Before any work: re-execute once with the right OpenBLAS kernels when the library fell back to
// narrow ones on this processor (see `BLASKernelRelaunch`; `churn doctor` reports it).
BLASKernelRelaunch.relaunchIfNeeded()
// An interrupted command (SIGINT, SIGTERM) removes its temporary output files before it dies.
SignalCleanup.install()
ChurnCommand.main()
