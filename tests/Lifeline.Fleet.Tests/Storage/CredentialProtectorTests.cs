using System.Security.Cryptography;
using Lifeline.Fleet.Storage;

namespace Lifeline.Fleet.Tests.Storage;

public sealed class CredentialProtectorTests : IDisposable
{
    public const int NonceSize = 12;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"lifeline-key-{Guid.NewGuid():N}");
    private readonly List<string> _variables = [];

    public CredentialProtectorTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        foreach (string variable in _variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private StorageOptions Options(string? keyFile = null, string? environmentValue = null)
    {
        string variable = "LIFELINE_TEST_KEY_" + Guid.NewGuid().ToString("N");
        if (environmentValue is not null)
        {
            _variables.Add(variable);
            Environment.SetEnvironmentVariable(variable, environmentValue);
        }

        return new StorageOptions { DataDirectory = _directory, SecretKeyFile = keyFile, SecretKeyEnvironmentVariable = variable };
    }

    private static CredentialProtector RandomKey() => CredentialProtector.FromKey(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void APasswordRoundTripsUnderItsName()
    {
        using var protector = RandomKey();

        var sealedValue = protector.Encrypt("rack1-bmc", "p4ssw0rd"u8);
        using var secret = protector.Decrypt("rack1-bmc", sealedValue);

        Assert.Equal("p4ssw0rd"u8.ToArray(), secret.Bytes.ToArray());
        Assert.Equal(NonceSize, sealedValue.Nonce.Length);
        Assert.Equal(CredentialProtector.TagSize, sealedValue.Tag.Length);
    }

    [Fact]
    public void EveryEncryptionUsesAFreshNonce()
    {
        using var protector = RandomKey();

        var first = protector.Encrypt("c", "same"u8);
        var second = protector.Encrypt("c", "same"u8);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void TheNameIsBoundToTheCiphertext()
    {
        using var protector = RandomKey();
        var sealedValue = protector.Encrypt("rack1-bmc", "secret"u8);

        var error = Assert.Throws<CredentialDecryptionException>(() => protector.Decrypt("rack2-bmc", sealedValue));

        Assert.Equal("rack2-bmc", error.CredentialName);
    }

    [Fact]
    public void AnotherKeyFailsWithAMessageThatNamesTheCredentialAndSuggestsTheKey()
    {
        using var one = RandomKey();
        using var other = RandomKey();
        var sealedValue = one.Encrypt("rack1-bmc", "secret"u8);

        var error = Assert.Throws<CredentialDecryptionException>(() => other.Decrypt("rack1-bmc", sealedValue));

        Assert.Contains("'rack1-bmc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LIFELINE_SECRET_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(sealedValue.Ciphertext), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(sealedValue.Ciphertext), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShortenedNonceOrTagIsRefusedNotCrashed()
    {
        using var protector = RandomKey();
        var sealedValue = protector.Encrypt("c", "secret"u8);

        Assert.Throws<CredentialDecryptionException>(() => protector.Decrypt("c", sealedValue with { Nonce = sealedValue.Nonce[..8] }));
        Assert.Throws<CredentialDecryptionException>(() => protector.Decrypt("c", sealedValue with { Tag = sealedValue.Tag[..12] }));
    }

    [Fact]
    public void AMissingKeyFileIsCreatedPrivateAndReusedNextTime()
    {
        var options = Options();

        using var first = CredentialProtector.Load(options);
        var sealedValue = first.Encrypt("c", "secret"u8);
        using var second = CredentialProtector.Load(options);
        using var secret = second.Decrypt("c", sealedValue);

        string file = Path.Combine(_directory, "secret.key");
        Assert.Equal("secret"u8.ToArray(), secret.Bytes.ToArray());
        Assert.Contains(file, second.Source, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task ServersCreatingTheKeyFileAtOnceAllEndWithTheSameKey()
    {
        var options = Options(keyFile: Path.Combine(_directory, "shared", "secret.key"));

        var protectors = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CredentialProtector.Load(options))));

        var sealedValue = protectors[0].Encrypt("c", "secret"u8);
        foreach (var protector in protectors)
        {
            using var secret = protector.Decrypt("c", sealedValue);
            protector.Dispose();
        }

        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "shared")));
    }

    [SkippableFact]
    public void AKeyFileReadableByOthersIsRefusedWithTheFix()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes only");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string file = Path.Combine(_directory, "loose.key");
        File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<SecretKeyException>(() => CredentialProtector.Load(Options(keyFile: file)));

        Assert.Contains("0640", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {file}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(0)]
    public void AKeyFileOfTheWrongLengthIsRefused(int length)
    {
        string file = Path.Combine(_directory, "short.key");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(length));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = Assert.Throws<SecretKeyException>(() => CredentialProtector.Load(Options(keyFile: file)));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARaw32ByteKeyFileIsAccepted()
    {
        string file = Path.Combine(_directory, "raw.key");
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(file, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var fromFile = CredentialProtector.Load(Options(keyFile: file));
        using var direct = CredentialProtector.FromKey(key);
        using var secret = direct.Decrypt("c", fromFile.Encrypt("c", "x"u8));

        Assert.Equal("x"u8.ToArray(), secret.Bytes.ToArray());
    }

    [Fact]
    public void TheEnvironmentVariableWinsOverTheKeyFileAndNoFileIsCreated()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        using var protector = CredentialProtector.Load(Options(environmentValue: Convert.ToBase64String(key)));
        using var direct = CredentialProtector.FromKey(key);
        using var secret = direct.Decrypt("c", protector.Encrypt("c", "x"u8));

        Assert.Equal("x"u8.ToArray(), secret.Bytes.ToArray());
        Assert.False(File.Exists(Path.Combine(_directory, "secret.key")));
        Assert.StartsWith("environment variable", protector.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void AMalformedEnvironmentKeyIsRefusedWithoutEchoingIt(string value)
    {
        var options = Options(environmentValue: value);

        var error = Assert.Throws<SecretKeyException>(() => CredentialProtector.Load(options));

        Assert.Contains(options.SecretKeyEnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProtectorNeverPrintsItsKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        using var protector = CredentialProtector.FromKey(key);

        Assert.DoesNotContain(Convert.ToBase64String(key), protector.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(key), protector.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
