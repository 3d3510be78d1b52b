using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>
/// Quilt claims decoding: an explicit payload (plain lists) and a compressed one (bucket groups, abbreviated
/// permissions, compressed twins). <c>QuiltClaimsDecoder</c> is internal to the Api assembly (visible only to its
/// test project), so it is bound here once through reflection into a plain delegate: calls cost what direct calls
/// cost. Adding this assembly to the Api project's InternalsVisibleTo would make the reflection unnecessary.
/// </summary>
[MemoryDiagnoser]
public class ClaimsDecodingBenchmarks
{
    private static readonly Func<JsonElement, string, DateTimeOffset, PrincipalClaims> Decode = BindDecoder();

    private JsonDocument _explicit = null!;
    private JsonDocument _compressed = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void SetUp()
    {
        _now = DateTimeOffset.UtcNow;
        _explicit = JsonDocument.Parse("""
            {"sub":"bench-user","iss":"quilt-frontend","iat":1760000000,"scope":"public:read quilt:read",
             "buckets":["quilt-example","quilt-data-prod","quilt-data-dev","analytics-raw","analytics-curated"],
             "permissions":["s3:GetObject","s3:PutObject","s3:ListBucket"],"roles":["ReadWriteQuiltBucket"],"level":"write",
             "name":"Bench User","email":"bench@example.com"}
            """);
        var compressedList = Convert.ToBase64String(Encoding.UTF8.GetBytes("""["archive-2019","archive-2020","archive-2021"]"""));
        _compressed = JsonDocument.Parse($$$"""
            {"sub":"bench-user","iss":"quilt-frontend","iat":1760000000,"scope":"public:read quilt:read",
             "b":{"_type":"groups","_data":{"quilt":["example","data-prod","data-dev"],"analytics":["raw","curated"]}},
             "p":["g","p","l"],"r":["ReadWriteQuiltBucket"],"l":"write","extra":{"_type":"compressed","_data":"{{{compressedList}}}"}}
            """);
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _explicit.Dispose();
        _compressed.Dispose();
    }

    [Benchmark(Baseline = true)]
    public PrincipalClaims ExplicitClaims() => Decode(_explicit.RootElement, "quilt-frontend", _now);

    [Benchmark]
    public PrincipalClaims CompressedClaims() => Decode(_compressed.RootElement, "quilt-frontend", _now);

    private static Func<JsonElement, string, DateTimeOffset, PrincipalClaims> BindDecoder()
    {
        var type = typeof(AccessTokenValidator).Assembly.GetType("QuiltMcp.Orleans.Api.Identity.Tokens.QuiltClaimsDecoder", throwOnError: true)!;
        var method = type.GetMethod("Decode", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(type.FullName, "Decode");
        return method.CreateDelegate<Func<JsonElement, string, DateTimeOffset, PrincipalClaims>>();
    }
}
