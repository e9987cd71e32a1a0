// Most tests spend their time waiting on sockets, timers and child processes, not on the CPU: three fixtures at a time
// keep both cores busy. Every fixture works in its own temp directory on port 0 with its own clock, so any two may run
// side by side; a fixture that measured the machine would say [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
