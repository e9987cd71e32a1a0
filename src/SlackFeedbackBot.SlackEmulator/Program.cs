namespace SlackFeedbackBot.SlackEmulator;

public static class EmulatorProgram
{
    public static void Main() => Console.WriteLine("SlackEmulator");
}
