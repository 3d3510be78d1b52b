using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Catalog.Admin;

/// <summary>
/// The catalog's read-only admin views (users, roles, policies), asked as the caller. The catalog checks that its user
/// is a catalog admin; this server's own scope check comes first and does not replace it. When the catalog refuses a
/// view, one more question (<c>me</c>) tells a caller who is not a catalog admin apart from a catalog that failed, so
/// the error can say which: the catalog's wording of the refusal is its own and not relied on.
/// </summary>
public sealed class CatalogAdminReader(CatalogGraphQlEndpoint endpoint)
{
    private const string RoleName = "__typename ... on UnmanagedRole { name } ... on ManagedRole { name }";

    internal const string UsersQuery =
        "query { admin { user { list { name email isActive isAdmin lastLogin role { " + RoleName + " } extraRoles { " + RoleName + " } } } } }";

    internal const string UserQuery =
        "query ($name: String!) { admin { user { get(name: $name) { name email dateJoined lastLogin isActive isAdmin isSsoOnly isService "
        + "role { " + RoleName + " } extraRoles { " + RoleName + " } } } } }";

    internal const string RolesQuery =
        "query { roles { __typename ... on UnmanagedRole { name arn } ... on ManagedRole { name arn policies { title } } } }";

    internal const string PoliciesQuery =
        "query { policies { title arn managed permissions { bucket { name } level } roles { __typename name } } }";

    internal const string MeQuery = "query { me { name isAdmin } }";

    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, a refusal or GraphQL errors.</exception>
    public async Task<IReadOnlyList<CatalogAdminUser>> ListUsersAsync(Caller caller, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(caller, "list users", UsersQuery, variables: null, cancellationToken);
        return UserQueries(data).TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<CatalogAdminUser[]>()!
            : throw new CatalogRequestException("The catalog's answer to 'admin.user.list' has no list.");
    }

    /// <summary>The user named <paramref name="name"/>, or null when the catalog has none.</summary>
    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, a refusal or GraphQL errors.</exception>
    public async Task<CatalogAdminUser?> GetUserAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(caller, $"show user '{name}'", UserQuery, new Dictionary<string, object?> { ["name"] = name }, cancellationToken);
        return UserQueries(data).TryGetProperty("get", out var user) && user.ValueKind == JsonValueKind.Object
            ? user.Deserialize<CatalogAdminUser>()
            : null;
    }

    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, a refusal or GraphQL errors.</exception>
    public async Task<IReadOnlyList<CatalogAdminRole>> ListRolesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(caller, "list roles", RolesQuery, variables: null, cancellationToken);
        return data.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? roles.Deserialize<CatalogAdminRole[]>()!
            : throw new CatalogRequestException("The catalog's answer to 'roles' has no list.");
    }

    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, a refusal or GraphQL errors.</exception>
    public async Task<IReadOnlyList<CatalogPolicy>> ListPoliciesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(caller, "list policies", PoliciesQuery, variables: null, cancellationToken);
        return data.TryGetProperty("policies", out var policies) && policies.ValueKind == JsonValueKind.Array
            ? policies.Deserialize<CatalogPolicy[]>()!
            : throw new CatalogRequestException("The catalog's answer to 'policies' has no list.");
    }

    private static JsonElement UserQueries(JsonElement data) =>
        data.TryGetProperty("admin", out var admin) && admin.ValueKind == JsonValueKind.Object
        && admin.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
            ? user
            : throw new CatalogRequestException("The catalog's answer to 'admin' has no user queries.");

    private async Task<JsonElement> QueryAsync(
        Caller caller, string view, string query, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        try
        {
            return await endpoint.QueryAsync(caller, query, variables, cancellationToken);
        }
        catch (CatalogRequestException refused) when (refused.QueryRefused)
        {
            // Only a query the catalog answered with errors is worth the second question: a catalog that is down or slow
            // would only be asked again for nothing.
            var me = await WhoAsync(caller, cancellationToken);
            if (me is { IsAdmin: false })
            {
                throw new CatalogRequestException(
                    $"The catalog refused to {view} because your catalog user '{me.Name}' is not a catalog admin ({refused.Message}). "
                    + "The catalog shows users, roles and policies to its admins only.");
            }

            throw;
        }
    }

    private async Task<CatalogUser?> WhoAsync(Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            var data = await endpoint.QueryAsync(caller, MeQuery, variables: null, cancellationToken);
            return data.TryGetProperty("me", out var me) && me.ValueKind == JsonValueKind.Object ? me.Deserialize<CatalogUser>() : null;
        }
        catch (CatalogRequestException)
        {
            // The view's own failure is the one to report.
            return null;
        }
    }
}
