// Most tests spend their time waiting on sockets, timers and child processes, not on the CPU: two fixtures at a time
// halve the suite's wall time. Fixtures that measure or contend for the whole machine say [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
