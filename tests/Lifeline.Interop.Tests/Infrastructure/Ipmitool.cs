namespace Lifeline.Interop.Tests.Infrastructure;

/// <summary>Runs ipmitool over lanplus against a BMC; the password goes through IPMI_PASSWORD (-E), not argv.</summary>
public static class Ipmitool
{
    public static async Task<string> RunAsync(string host, int port, string user, string password, int suite, params string[] command)
    {
        var ipmitool = Peers.Require("ipmitool", "ipmitool");
        var args = new List<string> { "-I", "lanplus", "-C", suite.ToString(), "-H", host, "-p", port.ToString(), "-U", user, "-E", "-N", "1", "-R", "3" };
        args.AddRange(command);
        var result = await ProcessRunner.RunAsync(ipmitool, args, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["IPMI_PASSWORD"] = password });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ipmitool {string.Join(' ', command)} failed: {result}");
        }
        return result.StandardOutput;
    }

    /// <summary>Parses "Key : Value" lines (fru print, mc info, lan print, bootparam) into a lookup of first values.</summary>
    public static Dictionary<string, string> Fields(string output)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n'))
        {
            int colon = line.IndexOf(" : ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim().TrimStart('-', ' ').Trim();
            fields.TryAdd(key, line[(colon + 3)..].Trim());
        }
        return fields;
    }
}
