using Lifeline.Drivers;
using Lifeline.Cli.Targets;

namespace Lifeline.Cli.Tests.Targets;

public sealed class BmcFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lifeline-bmcfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, "bmcs.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void CommentsAndBlankLinesAreIgnoredAndRangesExpand()
    {
        string path = Write(
            "# rack 1",
            "",
            "ipmi://admin@10.0.1.[1-3]   # the compute nodes",
            "   ipmi://root@bmc-storage:6230",
            "ipmi://admin@10.0.1.2");
        var targets = TargetList.Build(null, path);
        Assert.Equal(["10.0.1.1", "10.0.1.2", "10.0.1.3", "bmc-storage:6230"], targets.Select(t => t.Node));
        Assert.Equal("root", targets[3].User);
    }

    [Fact]
    public void FileTargetsFollowCommandLineTargetsWithoutDuplicates()
    {
        string path = Write("ipmi://admin@10.0.1.[1-2]");
        var targets = TargetList.Build(["ipmi://admin@10.0.1.2", "ipmi://admin@10.0.1.9"], path);
        Assert.Equal(["10.0.1.2", "10.0.1.9", "10.0.1.1"], targets.Select(t => t.Node));
    }

    [Fact]
    public void AnErrorNamesTheFileLineAndColumnInThatLine()
    {
        string path = Write("ipmi://admin@10.0.1.1", "# comment", "  ipmi://admin@10.0.2.[9-1]");
        var e = Assert.Throws<TargetSyntaxException>(() => TargetList.Build(null, path));
        Assert.Equal($"{path}:3", e.Origin);
        Assert.Equal(24, e.Column);
        var lines = e.Message.Split('\n');
        Assert.StartsWith($"{path}:3: reversed range 9-1", lines[0], StringComparison.Ordinal);
        Assert.Equal("    ipmi://admin@10.0.2.[9-1]", lines[1]);
        Assert.Equal(new string(' ', 2 + 23) + "^", lines[2]);
    }

    [Fact]
    public void APasswordInAFileLineIsRefusedWithoutEchoingIt()
    {
        string path = Write("ipmi://admin:topsecret@10.0.1.1");
        var e = Assert.Throws<TargetSyntaxException>(() => TargetList.Build(null, path));
        Assert.StartsWith($"{path}:1:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoUrlsOnOneLineAreRefused()
    {
        string path = Write("ipmi://admin@a ipmi://admin@b");
        var e = Assert.Throws<TargetSyntaxException>(() => TargetList.Build(null, path));
        Assert.Contains("one BMC per line", e.Message, StringComparison.Ordinal);
        Assert.Equal(15, e.Column);
    }

    [Fact]
    public void AMissingFileIsAUsageErrorNamingIt()
    {
        string path = Path.Combine(_dir, "nope.txt");
        var e = Assert.Throws<UsageException>(() => TargetList.Build(null, path));
        Assert.Contains($"--bmc-file {path}: cannot read it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithOnlyCommentsIsAUsageError()
    {
        string path = Write("# nothing here", "");
        Assert.Contains("names no BMC", Assert.Throws<UsageException>(() => TargetList.Build(null, path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileMayMixIpmiAndRedfishLines()
    {
        string path = Write(
            "ipmi://admin@127.0.0.1:[6230-6231]",
            "redfish://admin@127.0.0.1:[8443-8444]  # the same nodes over HTTPS",
            "redfish+http://admin@lab-bmc:8000",
            "redfish://admin@10.0.0.9");
        var targets = TargetList.Build(null, path);
        Assert.Equal(
            [BmcScheme.Ipmi, BmcScheme.Ipmi, BmcScheme.Redfish, BmcScheme.Redfish, BmcScheme.RedfishHttp, BmcScheme.Redfish],
            targets.Select(t => t.Scheme));
        Assert.Equal(["127.0.0.1:6230", "127.0.0.1:6231", "127.0.0.1:8443", "127.0.0.1:8444", "lab-bmc:8000", "10.0.0.9"], targets.Select(t => t.Node));
    }
}
