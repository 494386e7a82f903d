using Lifeline.Server.Auth;

namespace Lifeline.Server.Tests.Auth;

public sealed class TokenSecretsTests
{
    [Fact]
    public void AFormattedTokenParsesBackToItsIdAndSecret()
    {
        var id = TokenSecrets.NewId();
        var secret = TokenSecrets.NewSecret();
        Assert.True(TokenSecrets.TryParse(TokenSecrets.Format(id, secret), out var parsedId, out var parsedSecret));
        Assert.Equal(id, parsedId);
        Assert.Equal(secret, parsedSecret);
        Assert.True(TokenSecrets.Matches(secret, TokenSecrets.Hash(secret)));
        Assert.False(TokenSecrets.Matches(secret + "x", TokenSecrets.Hash(secret)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("ll_")]
    [InlineData("ll__secret")]
    [InlineData("ll_id_")]
    [InlineData("xx_id_secret")]
    public void MalformedTokensDoNotParse(string? token) => Assert.False(TokenSecrets.TryParse(token, out _, out _));

    [Fact]
    public void SecretsAreLongAndRandom()
    {
        Assert.Equal(40, TokenSecrets.NewSecret().Length);
        Assert.NotEqual(TokenSecrets.NewSecret(), TokenSecrets.NewSecret());
        Assert.Equal(24, TokenSecrets.NewPassword().Length);
    }
}
