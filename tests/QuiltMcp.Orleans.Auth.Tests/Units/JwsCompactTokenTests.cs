using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>
/// Our reading of the compact form: three canonical base64url parts, header and payload JSON objects without
/// duplicates, the header judged before the payload is decoded, and the one spelling of a token that is accepted.
/// </summary>
public sealed class JwsCompactTokenTests
{
    private static readonly string Header = Part("""{"alg":"HS256","kid":"k1"}""");
    private static readonly string Payload = Part("""{"iss":"quilt","sub":"alice","nested":{"a":[1,{"b":2}]}}""");
    private static readonly string Signature = Base64Url.EncodeToString(new byte[32]);

    [Fact]
    public void A_well_formed_token_exposes_its_header_payload_and_signature_state()
    {
        var signed = Read($"{Header}.{Payload}.{Signature}", out var failure);
        var unsigned = Read($"{Header}.{Payload}.", out _);

        Assert.NotNull(signed);
        Assert.Equal("", failure);
        Assert.True(signed.IsSigned);
        Assert.Equal("k1", signed.Header.GetProperty("kid").GetString());
        Assert.Equal("alice", signed.Payload.GetProperty("sub").GetString());
        Assert.NotNull(unsigned);
        Assert.False(unsigned.IsSigned);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        // Not three parts.
        { "", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}.{Signature}.", TokenFailureReasons.Malformed },
        // Five parts: JWE only when the first is a header with enc.
        { $"{Part("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.a.b.c.d", TokenFailureReasons.Encrypted },
        { $"{Part("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.a.b.c", TokenFailureReasons.Malformed },
        { $"{Part("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.a.b.c.d.e", TokenFailureReasons.Malformed },
        { $"{Part("""{"alg":"RSA-OAEP"}""")}.a.b.c.d", TokenFailureReasons.Malformed },
        { $"{Part("""["enc"]""")}.a.b.c.d", TokenFailureReasons.Malformed },
        { $"{Part("""{"enc":"A256GCM"}""")}=.a.b.c.d", TokenFailureReasons.Malformed },
        // Not the canonical base64url of the header, payload or signature.
        { $"{Header}=.{Payload}.{Signature}", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}=.{Signature}", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}.{Signature}=", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}.{Signature}AA", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload} .{Signature}", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}.{Signature.Replace('A', '+')}", TokenFailureReasons.Malformed },
        { $"{Header}.{Payload}.{SpareBitsSet(Signature)}", TokenFailureReasons.Malformed },
        { $"{SpareBitsSet(Header)}.{Payload}.{Signature}", TokenFailureReasons.Malformed },
        // Header: not an object, not JSON, duplicated at the top or further down.
        { $"{Part("""["HS256"]""")}.{Payload}.{Signature}", TokenFailureReasons.HeaderNotObject },
        { $"{Part("not json")}.{Payload}.{Signature}", TokenFailureReasons.HeaderNotObject },
        { $".{Payload}.{Signature}", TokenFailureReasons.HeaderNotObject },
        { $"{Part("""{"alg":"HS256","alg":"none"}""")}.{Payload}.{Signature}", TokenFailureReasons.HeaderDuplicates },
        { $"{Part("""{"alg":"HS256","x":{"y":1,"y":2}}""")}.{Payload}.{Signature}", TokenFailureReasons.HeaderDuplicates },
        // Payload: the same, after the header passed.
        { $"{Header}.{Part("\"alice\"")}.{Signature}", TokenFailureReasons.PayloadNotObject },
        { $"{Header}.{Part("{\"sub\":")}.{Signature}", TokenFailureReasons.PayloadNotObject },
        { $"{Header}..{Signature}", TokenFailureReasons.PayloadNotObject },
        { $"{Header}.{Part("""{"sub":"alice","sub":"admin"}""")}.{Signature}", TokenFailureReasons.PayloadDuplicates },
        { $"{Header}.{Part("""{"b":{"_type":"groups","_type":"compressed"}}""")}.{Signature}", TokenFailureReasons.PayloadDuplicates },
        // Nesting beyond 32 levels is refused as not an object, not mistaken for duplicates.
        { $"{Header}.{Part(Nested(40))}.{Signature}", TokenFailureReasons.PayloadNotObject },
        { $"{Part(Nested(40))}.{Payload}.{Signature}", TokenFailureReasons.HeaderNotObject },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_refusal_has_its_reason(string token, string reason)
    {
        Assert.Null(Read(token, out var failure));
        Assert.Equal(reason, failure);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var token = Read($"{Header}.{Part(Nested(30))}.{Signature}", out _);

        Assert.NotNull(token);
    }

    [Fact]
    public void The_header_is_judged_before_the_payload_is_decoded()
    {
        JsonElement? judged = null;
        var token = JwsCompactToken.TryRead($"{Header}.%%%.{Signature}", header =>
        {
            judged = header.Clone();
            return "header refused";
        }, out var failure);

        Assert.Null(token);
        Assert.Equal("header refused", failure);
        Assert.Equal("HS256", judged!.Value.GetProperty("alg").GetString());
    }

    [Fact]
    public void A_header_the_check_accepts_lets_the_payload_be_read()
    {
        var checks = 0;
        var token = JwsCompactToken.TryRead($"{Header}.{Payload}.{Signature}", _ =>
        {
            checks++;
            return null;
        }, out _);

        Assert.NotNull(token);
        Assert.Equal(1, checks);
    }

    private static JwsCompactToken? Read(string token, out string failure) => JwsCompactToken.TryRead(token, _ => null, out failure);

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>A JSON object nested <paramref name="depth"/> levels deep.</summary>
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);

    /// <summary>The same bytes with the unused low bits of the last character set: a second spelling the decoder forgives.</summary>
    private static string SpareBitsSet(string part)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (part.Length % 4 == 0)
        {
            throw new ArgumentException("a part of whole 3-byte groups has no spare bits", nameof(part));
        }

        // A canonical part has its spare bits clear, so setting them always makes another spelling.
        var last = alphabet.IndexOf(part[^1], StringComparison.Ordinal);
        return part[..^1] + alphabet[last | (part.Length % 4 == 2 ? 0b1111 : 0b11)];
    }
}
