namespace QuiltMcp.Orleans.Testing.Catalog;

/// <summary>
/// Answers one field of the fake catalog from the field's GraphQL arguments (variables already substituted): a
/// dictionary or anonymous object whose members are the selected type's fields, a list of those, a scalar, or null.
/// A union or interface value names its concrete type in a <c>__typename</c> member.
/// </summary>
public delegate object? CatalogResolver(IReadOnlyDictionary<string, object?> arguments);
