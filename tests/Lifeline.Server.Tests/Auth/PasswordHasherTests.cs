using System.Diagnostics;
using Lifeline.Server.Auth;
using Lifeline.Server.Configuration;
using Xunit.Abstractions;

namespace Lifeline.Server.Tests.Auth;

public sealed class PasswordHasherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheDefaultCostMakesASelfDescribingArgon2idStringAndItsTimeIsRecorded()
    {
        var settings = new AuthSettings();
        var hasher = new PasswordHasher(settings);
        await hasher.HashAsync("warm-up", CancellationToken.None);

        var watch = Stopwatch.StartNew();
        var phc = await hasher.HashAsync("correct horse battery staple", CancellationToken.None);
        var hashTime = watch.Elapsed;
        watch.Restart();
        bool ok = await hasher.VerifyAsync("correct horse battery staple", phc, CancellationToken.None);
        var verifyTime = watch.Elapsed;
        output.WriteLine($"Argon2id m={settings.Argon2MemoryKiB} KiB t={settings.Argon2Iterations} p={settings.Argon2Parallelism}: " +
            $"hash {hashTime.TotalMilliseconds:0} ms, verify {verifyTime.TotalMilliseconds:0} ms on {Environment.ProcessorCount} cores");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", phc, StringComparison.Ordinal);
        Assert.True(ok);
        Assert.True(hashTime < TimeSpan.FromSeconds(3), $"hashing took {hashTime}; lower Lifeline:Auth:Argon2MemoryKiB for this machine");
    }

    [Fact]
    public async Task AWrongPasswordATamperedHashAndAnUnknownUserAllFail()
    {
        var hasher = new PasswordHasher(new AuthSettings { Argon2MemoryKiB = 1024, Argon2Iterations = 1 });
        var phc = await hasher.HashAsync("right", CancellationToken.None);
        Assert.False(await hasher.VerifyAsync("wrong", phc, CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("right", phc[..^4] + "AAAA", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("right", "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("right", "plain-text", CancellationToken.None));
        Assert.False(await hasher.VerifyAsync("right", null, CancellationToken.None));
    }

    [Fact]
    public async Task TheSamePasswordHashesDifferentlyEachTime()
    {
        var hasher = new PasswordHasher(new AuthSettings { Argon2MemoryKiB = 1024, Argon2Iterations = 1 });
        Assert.NotEqual(await hasher.HashAsync("same", CancellationToken.None), await hasher.HashAsync("same", CancellationToken.None));
    }
}
