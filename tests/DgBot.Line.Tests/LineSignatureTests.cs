using System.Text;
using DgBot.Bot.Line;

namespace DgBot.Line.Tests;

public sealed class LineSignatureTests
{
    private const string Secret = "test-channel-secret-0123456789ab";
    private const string Body = """{"destination":"U0123456789abcdef0123456789abcdef","events":[]}""";

    // Computed outside .NET: printf '%s' "$Body" | openssl dgst -sha256 -hmac "$Secret" -binary | base64
    private const string OpenSslSignature = "K6hQTtvSY8tEb90t3dHDYyK7MkQiuHfdif3XrHPbsb4=";

    private static readonly byte[] BodyBytes = Encoding.UTF8.GetBytes(Body);

    [Fact]
    public void AcceptsTheSignatureLineComputesOverTheRawBody() =>
        Assert.True(new LineSignature(Secret).IsValid(BodyBytes, OpenSslSignature));

    [Fact]
    public void SignsLikeOpenSsl() => Assert.Equal(OpenSslSignature, new LineSignature(Secret).Sign(BodyBytes));

    [Fact]
    public void RejectsSignatureMadeWithAnotherSecret() =>
        Assert.False(new LineSignature("another-secret").IsValid(BodyBytes, OpenSslSignature));

    [Fact]
    public void RejectsSignatureOfAChangedBody() =>
        Assert.False(new LineSignature(Secret).IsValid(Encoding.UTF8.GetBytes(Body.Replace("[]", "[ ]", StringComparison.Ordinal)), OpenSslSignature));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("K6hQTtvSY8tEb90t3dHDYw==")]
    [InlineData("K6hQTtvSY8tEb90t3dHDYyK7MkQiuHfdif3XrHPbsb4K6hQTtvSY8tEb90t3dHDYyK7MkQiuHfdif3XrHPbsb4=")]
    public void RejectsMissingMalformedOrWrongLengthSignatures(string? signature) =>
        Assert.False(new LineSignature(Secret).IsValid(BodyBytes, signature));
}
