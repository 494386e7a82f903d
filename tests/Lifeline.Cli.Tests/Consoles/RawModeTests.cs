using Lifeline.Cli.Consoles;

namespace Lifeline.Cli.Tests.Consoles;

public sealed class RawModeTests
{
    private sealed class FakeModes(bool failRaw = false) : ITtyModes
    {
        public List<string> Calls { get; } = [];

        public string Save()
        {
            Calls.Add("save");
            return "saved-settings";
        }

        public void MakeRaw()
        {
            Calls.Add("raw");
            if (failRaw)
            {
                throw new InvalidOperationException("stty failed");
            }
        }

        public void Restore(string saved) => Calls.Add("restore " + saved);
    }

    [Fact]
    public void EnteringSavesThenGoesRawAndDisposingRestoresOnce()
    {
        var modes = new FakeModes();
        var raw = RawMode.Enter(modes, enabled: true);
        Assert.True(raw.IsRaw);
        raw.Restore();
        raw.Dispose();
        Assert.Equal(["save", "raw", "restore saved-settings"], modes.Calls);
        Assert.False(raw.IsRaw);
    }

    [Fact]
    public void AnExceptionInsideTheAttachmentStillRestores()
    {
        var modes = new FakeModes();
        Assert.Throws<IOException>(() => Attach(modes));
        Assert.Equal("restore saved-settings", modes.Calls[^1]);
    }

    private static void Attach(ITtyModes modes)
    {
        using var raw = RawMode.Enter(modes, enabled: true);
        throw new IOException("the link broke");
    }

    [Fact]
    public void AFailureWhileGoingRawRestoresTheSavedSettings()
    {
        var modes = new FakeModes(failRaw: true);
        Assert.Throws<InvalidOperationException>(() => RawMode.Enter(modes, enabled: true));
        Assert.Equal(["save", "raw", "restore saved-settings"], modes.Calls);
    }

    [Fact]
    public void WhenStdinIsNotATerminalTheModeIsNeverTouched()
    {
        var modes = new FakeModes();
        using (var raw = RawMode.Enter(modes, enabled: false))
        {
            Assert.False(raw.IsRaw);
        }

        Assert.Empty(modes.Calls);
    }
}
