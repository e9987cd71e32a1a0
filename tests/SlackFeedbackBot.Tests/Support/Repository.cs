namespace SlackFeedbackBot.Tests.Support;

/// <summary>Files of the repository the tests run from (docs, examples), found by walking up to the solution file.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "SlackFeedbackBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SlackFeedbackBot.sln not found above " + AppContext.BaseDirectory);
    }
}
