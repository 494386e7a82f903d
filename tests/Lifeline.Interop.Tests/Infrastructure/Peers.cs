namespace Lifeline.Interop.Tests.Infrastructure;

/// <summary>
/// Finds the real peer binaries. A missing peer fails the test in CI (CI=true) and skips it elsewhere with the
/// command that installs it.
/// </summary>
public static class Peers
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string binary, string debianPackage)
    {
        var path = Find(binary);
        if (path is not null)
        {
            return path;
        }
        string reason = $"peer '{binary}' is not installed (apt-get install -y {debianPackage})";
        if (InCi)
        {
            throw new InvalidOperationException(reason + " — CI must install every peer");
        }
        Skip.If(true, reason);
        return null!;
    }

    /// <summary>Fails in CI, skips elsewhere, when a peer that is not a binary on PATH (a database server) is unavailable.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }
        if (InCi)
        {
            throw new InvalidOperationException(reason + " — CI must install every peer");
        }
        Skip.If(true, reason);
    }

    public static string? Find(string binary)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            var candidate = Path.Combine(dir, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The read-only shared folder beside the repository (../shared), which holds the peer scripts.</summary>
    public static string SharedFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lifeline.slnx")))
            {
                dir = dir.Parent;
            }
            if (dir?.Parent is null)
            {
                throw new InvalidOperationException("cannot find the repository root (Lifeline.slnx) above " + AppContext.BaseDirectory);
            }
            // ../shared beside the repository; a git worktree (e.g. /work/wt/NAME) finds it further up.
            var env = Environment.GetEnvironmentVariable("LIFELINE_SHARED");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "peers")))
            {
                return env;
            }
            for (var up = dir.Parent; up is not null; up = up.Parent)
            {
                var candidate = Path.Combine(up.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "peers")))
                {
                    return candidate;
                }
            }
            throw new InvalidOperationException($"the peers folder {Path.Combine(dir.Parent.FullName, "shared")}/peers is missing: it comes with the workspace (../shared beside the repository, or LIFELINE_SHARED)");
        }
    }
}
