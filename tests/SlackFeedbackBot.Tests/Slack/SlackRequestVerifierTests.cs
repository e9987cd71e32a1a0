using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Slack.Verification;

namespace SlackFeedbackBot.Tests.Slack;

public class SlackRequestVerifierTests
{
    // The example from Slack's "Verifying requests from Slack" page, byte for byte.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long Timestamp = 1531420618;
    private const string OfficialBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string OfficialSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static byte[] Body => Encoding.UTF8.GetBytes(OfficialBody);

    private static SlackRequestVerifier VerifierAt(long nowSeconds) =>
        new(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(nowSeconds)));

    [Test]
    public void OfficialBodyIsTheDocumentedFixture()
    {
        Assert.That(Body, Has.Length.EqualTo(362));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(Body)),
            Is.EqualTo("390eeeff8d0cb7c9f6ecf8a88c3df6452fea0914eb02f64844369f3758d8d330"));
    }

    [Test]
    public void AcceptsTheOfficialExample() =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, "1531420618", OfficialSignature), Is.True);

    [Test]
    public void SignReproducesTheOfficialSignature() =>
        Assert.That(SlackRequestVerifier.Sign(Secret, Timestamp, OfficialBody), Is.EqualTo(OfficialSignature));

    [TestCase(Timestamp + 300, true)]
    [TestCase(Timestamp - 300, true)]
    [TestCase(Timestamp + 301, false)]
    [TestCase(Timestamp - 301, false)]
    public void ReplayWindowIsFiveMinutesEitherSide(long now, bool expected) =>
        Assert.That(VerifierAt(now).IsValid(Body, "1531420618", OfficialSignature), Is.EqualTo(expected));

    [Test]
    public void RejectsATamperedBody() =>
        Assert.That(VerifierAt(Timestamp).IsValid(Encoding.UTF8.GetBytes(OfficialBody + "------"), "1531420618", OfficialSignature), Is.False);

    [Test]
    public void RejectsAChangedTimestampWithTheOldSignature() =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, "1531420619", OfficialSignature), Is.False);

    [Test]
    public void RejectsAnyVersionButV0() =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, "1531420618", "v1=" + OfficialSignature[3..]), Is.False);

    [Test]
    public void RejectsUppercaseHex() =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, "1531420618", "v0=" + OfficialSignature[3..].ToUpperInvariant()), Is.False);

    [TestCase(null, OfficialSignature)]
    [TestCase("1531420618", null)]
    [TestCase(null, null)]
    [TestCase("", OfficialSignature)]
    [TestCase("1531420618", "")]
    public void RejectsMissingHeaders(string? timestamp, string? signature) =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, timestamp, signature), Is.False);

    [TestCase("abc")]
    [TestCase("1531420618.5")]
    [TestCase(" 1531420618")]
    [TestCase("+1531420618")]
    [TestCase("-1531420618")]
    [TestCase("99999999999999999999999")]
    public void RejectsNonNumericTimestamps(string timestamp) =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, timestamp, OfficialSignature), Is.False);

    [TestCase("v0=a2114d57")]
    [TestCase("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503ff")]
    [TestCase("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void RejectsMalformedSignatures(string signature) =>
        Assert.That(VerifierAt(Timestamp).IsValid(Body, "1531420618", signature), Is.False);

    [TestCase(1531420618, "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}",
        "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652")]
    [TestCase(1531420618, "", "v0=55f41ec73231010289b54e669149ea021fccab11b5524355523533ce930cb739")]
    [TestCase(1531420619, OfficialBody, "v0=ffbf8ca586db401fa71716579fba59aea718787d68572406a7236da28a871144")]
    [TestCase(1531420618, "{\"text\":\"héllo ✓\"}", "v0=9344dfea7131a22daee4224b9d9877f6746a5f9231d4744ba32fbaaeb037675b")]
    public void SupplementalVectors(long timestamp, string body, string signature)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Assert.That(VerifierAt(timestamp).IsValid(bytes, timestamp.ToString(), signature), Is.True);
        Assert.That(SlackRequestVerifier.Sign(Secret, timestamp, bytes), Is.EqualTo(signature));
    }

    [Test]
    public void VerifiesBodiesLargerThanTheStackBuffer()
    {
        var body = Encoding.UTF8.GetBytes("payload=" + new string('x', 50_000));
        var signature = SlackRequestVerifier.Sign(Secret, Timestamp, body);
        var verifier = VerifierAt(Timestamp);
        Assert.That(verifier.IsValid(body, "1531420618", signature), Is.True);
        body[^1] = (byte)'y';
        Assert.That(verifier.IsValid(body, "1531420618", signature), Is.False);
    }

    [Test]
    public void ADifferentSecretDoesNotVerify() =>
        Assert.That(new SlackRequestVerifier("another-secret", new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp)))
            .IsValid(Body, "1531420618", OfficialSignature), Is.False);

    [TestCase("")]
    [TestCase(null)]
    public void AnEmptySecretNeverAllowsEverything(string? secret) =>
        Assert.That(() => new SlackRequestVerifier(secret!, TimeProvider.System), Throws.InvalidOperationException);
}
