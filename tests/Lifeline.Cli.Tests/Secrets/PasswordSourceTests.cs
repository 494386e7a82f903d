using Lifeline.Drivers;
using System.Text;
using Lifeline.Cli.Backend;
using Lifeline.Cli.Secrets;
using Lifeline.Cli.Tests.Fakes;

namespace Lifeline.Cli.Tests.Secrets;

public class PasswordSourceTests
{
    [Fact]
    public void TheEnvironmentVariableWinsAndNoPromptIsShown()
    {
        var terminal = new FakeTerminal { IsInputInteractive = true }.Answer("typed");
        using var secret = PasswordSource.Resolve(new FakeEnvironment().Set("LIFELINE_BMC_PASSWORD", "fromenv"), terminal);
        Assert.Equal("fromenv", Encoding.UTF8.GetString(secret.Bytes));
        Assert.Empty(terminal.Prompts);
    }

    [Fact]
    public void WithoutTheVariableATerminalIsAskedWithoutEcho()
    {
        var terminal = new FakeTerminal { IsInputInteractive = true }.Answer("typed");
        using var secret = PasswordSource.Resolve(new FakeEnvironment(), terminal);
        Assert.Equal("typed", Encoding.UTF8.GetString(secret.Bytes));
        Assert.Equal(["BMC password: "], terminal.Prompts);
        Assert.Empty(terminal.Output);
    }

    [Fact]
    public void AnEmptyVariableCountsAsUnset()
    {
        var terminal = new FakeTerminal { IsInputInteractive = true }.Answer("typed");
        using var secret = PasswordSource.Resolve(new FakeEnvironment().Set("LIFELINE_BMC_PASSWORD", ""), terminal);
        Assert.Equal("typed", Encoding.UTF8.GetString(secret.Bytes));
    }

    [Fact]
    public void WithoutTheVariableAndWithoutATerminalItIsAUsageErrorNamingTheVariable()
    {
        var terminal = new FakeTerminal { IsInputInteractive = false };
        var e = Assert.Throws<UsageException>(() => PasswordSource.Resolve(new FakeEnvironment(), terminal));
        Assert.Contains("set the environment variable LIFELINE_BMC_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.Empty(terminal.Prompts);
    }

    [Fact]
    public void ClosedInputAtThePromptIsAUsageError()
    {
        var terminal = new FakeTerminal { IsInputInteractive = true }.Answer(null);
        Assert.Throws<UsageException>(() => PasswordSource.Resolve(new FakeEnvironment(), terminal));
    }

    [Fact]
    public void PasswordsLongerThanTheIpmiLimitAreRefusedWithoutShowingThem()
    {
        var env = new FakeEnvironment().Set("LIFELINE_BMC_PASSWORD", "123456789012345678901");
        var e = Assert.Throws<UsageException>(() => PasswordSource.Resolve(env, new FakeTerminal()));
        Assert.Contains("longer than 20 bytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012345678901", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsAndSettingsHoldingThemPrintRedacted()
    {
        using var password = Secret.FromText("hunter2");
        using var kg = Secret.FromText("kgkgkg");
        var settings = new ConnectionSettings(17, false, PrivilegeLevel.Administrator, password, kg, TimeSpan.FromSeconds(1), 3);
        Assert.Equal("[redacted]", password.ToString());
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("kgkgkg", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = [redacted]", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADisposedSecretIsZeroedAndUnreadable()
    {
        var secret = Secret.FromText("hunter2");
        secret.Dispose();
        Assert.Throws<ObjectDisposedException>(() => secret.Bytes.Length);
    }
}

public class KgSourceTests
{
    [Fact]
    public void HexWithPrefixIsDecodedToBytes()
    {
        using var kg = KgSource.Read(new FakeEnvironment().Set("MY_KG", "0x0102AbFF"), "MY_KG");
        Assert.Equal(new byte[] { 0x01, 0x02, 0xAB, 0xFF }, kg.Bytes.ToArray());
    }

    [Fact]
    public void TextIsTakenAsUtf8()
    {
        using var kg = KgSource.Read(new FakeEnvironment().Set("MY_KG", "letmein"), "MY_KG");
        Assert.Equal("letmein", Encoding.UTF8.GetString(kg.Bytes));
    }

    [Theory]
    [InlineData("0x123")]
    [InlineData("0xZZ")]
    [InlineData("0x000102030405060708090a0b0c0d0e0f1011121314")]
    public void MalformedHexIsRefusedWithoutShowingTheValue(string value)
    {
        var e = Assert.Throws<UsageException>(() => KgSource.Read(new FakeEnvironment().Set("MY_KG", value), "MY_KG"));
        Assert.Contains("--kg-env MY_KG", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsetVariableIsAUsageErrorNamingIt()
    {
        var e = Assert.Throws<UsageException>(() => KgSource.Read(new FakeEnvironment(), "MY_KG"));
        Assert.Contains("MY_KG is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassingTheKeyItselfInsteadOfAVariableNameIsCaught()
    {
        var e = Assert.Throws<UsageException>(() => KgSource.Read(new FakeEnvironment(), "0x01:02"));
        Assert.Contains("not the key itself", e.Message, StringComparison.Ordinal);
    }
}
