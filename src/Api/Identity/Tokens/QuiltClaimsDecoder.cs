using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Turns a validated token payload into <see cref="PrincipalClaims"/>: standard claims plus the catalog's
/// enhanced claims, where an explicit claim (<c>buckets</c>, <c>permissions</c>, <c>roles</c>, <c>level</c>)
/// always wins over its compressed twin (<c>b</c>, <c>p</c>, <c>r</c>, <c>l</c>), which is then not read at all.
/// </summary>
internal static class QuiltClaimsDecoder
{
    private static readonly string[] NameClaims = ["name", "preferred_username", "cognito:username"];
    private static readonly string[] EmailClaims = ["email"];

    /// <summary>Claims that carry a role ARN directly, in order of preference.</summary>
    internal static readonly string[] RoleArnClaims = ["aws_role_arn", "awsRoleArn"];

    /// <param name="payload">The verified payload.</param>
    /// <param name="issuer">The trusted issuer that signed it.</param>
    /// <param name="issuedAt">The token's <c>iat</c> (read as a NumericDate by <see cref="RegisteredClaims"/>), or now.</param>
    /// <exception cref="InvalidClaimException">A claim is present but malformed; the message says which.</exception>
    public static PrincipalClaims Decode(JsonElement payload, string issuer, DateTimeOffset issuedAt)
    {
        if (!ClaimReader.TryGet(payload, "sub", out var subjectValue)
            || subjectValue.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(subjectValue.GetString()))
        {
            throw new InvalidClaimException("claim 'sub' is missing or not a non-empty string");
        }

        return new PrincipalClaims
        {
            Subject = subjectValue.GetString()!,
            Issuer = issuer,
            Scopes = ScopeClaimReader.Read(payload),
            Buckets = Distinct(ReadBuckets(payload)),
            Permissions = Distinct(ReadPermissions(payload)),
            Roles = Distinct(ReadList(payload, "roles", "r")),
            RoleArn = ReadRoleArn(payload),
            Level = ReadLevel(payload),
            DisplayName = ClaimReader.ReadOptionalProfileString(payload, NameClaims),
            Email = ClaimReader.ReadOptionalProfileString(payload, EmailClaims),
            IssuedAt = issuedAt,
        };
    }

    /// <summary>The first role ARN claim that holds a well-formed role ARN; a malformed one is ignored, never sent to STS.</summary>
    private static string? ReadRoleArn(JsonElement payload)
    {
        foreach (var name in RoleArnClaims)
        {
            if (ClaimReader.TryGet(payload, name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } arn && Aws.Roles.IamRoleArns.IsRoleArn(arn))
            {
                return arn;
            }
        }

        return null;
    }

    private static string[] ReadBuckets(JsonElement payload) =>
        ClaimReader.TryGetFirst(payload, ["buckets", "b"], out var name, out var value)
            ? BucketClaimDecoder.Decode(value, name)
            : [];

    private static string[] ReadPermissions(JsonElement payload)
    {
        if (ClaimReader.TryGet(payload, "permissions", out var explicitValue))
        {
            return ClaimReader.ReadStringArray(explicitValue, "permissions");
        }

        return ClaimReader.TryGet(payload, "p", out var compressed)
            ? ClaimReader.ReadStringArray(compressed, "p").Select(PermissionAbbreviations.Expand).ToArray()
            : [];
    }

    private static string[] ReadList(JsonElement payload, string explicitName, string compressedName) =>
        ClaimReader.TryGetFirst(payload, [explicitName, compressedName], out var name, out var value)
            ? ClaimReader.ReadStringArray(value, name)
            : [];

    private static string? ReadLevel(JsonElement payload) =>
        ClaimReader.TryGetFirst(payload, ["level", "l"], out var name, out var value)
            ? ClaimReader.ReadString(value, name)
            : null;

    private static string[] Distinct(string[] values) => values.Distinct(StringComparer.Ordinal).ToArray();
}
