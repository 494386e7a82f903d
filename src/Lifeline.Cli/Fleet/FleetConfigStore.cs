using System.Text.Json;
using Lifeline.Cli.Hosting;
using Lifeline.Fleet.Operations;

namespace Lifeline.Cli.Fleet;

/// <summary>
/// The user's fleet configuration file, <c>$XDG_CONFIG_HOME/lifeline/config.json</c> (else
/// <c>~/.config/lifeline/config.json</c>). It holds a token, so it is created with mode 0600 in a directory created
/// with mode 0700, and replaced atomically (a new file renamed over the old one) so no reader ever sees half of it.
/// </summary>
public sealed class FleetConfigStore
{
    /// <summary>The largest config file read (it holds three short strings).</summary>
    private const int MaxBytes = 64 * 1024;

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly IEnvironment _environment;

    public FleetConfigStore(IEnvironment environment)
    {
        _environment = environment;
    }

    /// <summary>The file's path.</summary>
    /// <exception cref="UsageException">Neither XDG_CONFIG_HOME nor HOME is set.</exception>
    public string Path
    {
        get
        {
            string? xdg = _environment.GetVariable("XDG_CONFIG_HOME");
            string? home = _environment.GetVariable("HOME");
            string directory = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
                ? xdg
                : !string.IsNullOrEmpty(home)
                    ? System.IO.Path.Combine(home, ".config")
                    : throw new UsageException("cannot place the config file: set HOME (or XDG_CONFIG_HOME), or use LIFELINE_URL and LIFELINE_TOKEN");
            return System.IO.Path.Combine(directory, "lifeline", "config.json");
        }
    }

    /// <summary>The stored configuration, or null when there is no file.</summary>
    /// <exception cref="UsageException">The file cannot be read or is not a config file.</exception>
    public FleetConfig? Load()
    {
        string path = Path;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                throw new UsageException($"{path} is {info.Length} bytes, too large for a lifeline config file; delete it and run lifeline login URL");
            }

            return JsonSerializer.Deserialize<FleetConfig>(File.ReadAllText(path), FleetJson.Options)
                ?? throw new UsageException($"{path} is not a lifeline config file; delete it and run lifeline login URL");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not a lifeline config file ({e.Message}); delete it and run lifeline login URL");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>True when the file may be read by others than its owner (group or other bits set).</summary>
    public bool IsExposed()
    {
        if (OperatingSystem.IsWindows() || !File.Exists(Path))
        {
            return false;
        }

        return (File.GetUnixFileMode(Path) & ~(PrivateFile | UnixFileMode.UserExecute)) != 0;
    }

    /// <summary>Writes <paramref name="config"/>: directory 0700 when created, file 0600, replaced atomically.</summary>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public void Save(FleetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string path = Path;
        string directory = System.IO.Path.GetDirectoryName(path)!;
        string temporary = System.IO.Path.Combine(directory, $".config.json.{Environment.ProcessId}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, PrivateDirectory);
            }

            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temporary, options))
            {
                if (!OperatingSystem.IsWindows())
                {
                    // UnixCreateMode applies only to a new file: a leftover temporary file keeps its mode otherwise.
                    File.SetUnixFileMode(stream.SafeFileHandle, PrivateFile);
                }

                JsonSerializer.Serialize(stream, config, FleetJson.Options);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the leftover holds at most a token in a 0600 file.
        }
    }
}
