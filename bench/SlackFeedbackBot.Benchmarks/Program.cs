using BenchmarkDotNet.Running;

namespace SlackFeedbackBot.Benchmarks;

public static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "inbound-requests")
        {
            return InboundRequestFile.Write(args[1..]);
        }

        if (args.Length > 0 && args[0] == "outbox")
        {
            return OutboxRun.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        if (args.Length > 0 && args[0] == "spread")
        {
            return SpreadFigure.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
