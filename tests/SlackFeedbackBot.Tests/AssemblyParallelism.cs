// Most tests spend their time waiting on sockets, timers and child processes, not on the CPU: three fixtures at a time
// keep both cores busy. Every fixture works in its own temp directory on port 0 with its own clock, so any two may run
// side by side. The fixtures that scrape /metrics say [NonParallelizable]: OpenTelemetry reads every meter of a name
// in the process, so another fixture's bot host would show up in their figures.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
