using System.Diagnostics;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>
/// Makes a file or folder unwritable for this process until disposed: its write permissions removed, or, for root
/// (whom permissions do not stop), the immutable attribute set.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;

    private ReadOnlyFile(string path)
    {
        _path = path;
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else if (Environment.IsPrivilegedProcess)
        {
            Chattr("+i");
        }
        else
        {
            _mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, _mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
    }

    public static ReadOnlyFile Make(string path) => new(path);

    public void Dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(_path, File.GetAttributes(_path) & ~FileAttributes.ReadOnly);
        }
        else if (Environment.IsPrivilegedProcess)
        {
            Chattr("-i");
        }
        else
        {
            File.SetUnixFileMode(_path, _mode);
        }
    }

    private void Chattr(string flag)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, _path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Inconclusive($"This file system cannot make a file immutable for root (chattr {flag}: {error.Trim()}).");
        }
    }
}
