using System.Collections;
using System.Reflection;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;

namespace QuiltMcp.Orleans.Testing.Catalog;

/// <summary>
/// The catalog's GraphQL schema (the part the server queries, in <c>Catalog/Schema/*.graphql</c>) as an executable
/// schema: a query is parsed and validated as the catalog would (unknown fields, wrong argument or variable types and
/// missing required arguments are GraphQL errors), then executed over plain fixture values, so an answer has exactly
/// the shape the query selected. Every field reads the member of its parent value with the field's name; a member that
/// is a <see cref="CatalogResolver"/> is called with the field's arguments. A field marked <c>@admin</c> is refused with a
/// GraphQL error (<c>Forbidden</c>, the field's path, no data for it) unless the request's caller is a catalog admin, as
/// the catalog's own directive refuses it. (The registry that implements the directive is not public; its wording is
/// an assumption, so the server must not depend on it.)
/// </summary>
public sealed class CatalogSchema
{
    private static readonly Lazy<CatalogSchema> Shared = new(() => new CatalogSchema(ReadEmbeddedSchema()));
    private static readonly GraphQLSerializer Serializer = new();

    /// <summary>The message of the error an <c>@admin</c> field gives a caller who is not a catalog admin.</summary>
    public const string ForbiddenMessage = "Forbidden";

    private const string AdminDirective = "admin";

    private readonly ISchema _schema;

    public CatalogSchema(string sdl)
    {
        var document = GraphQLParser.Parser.Parse(sdl);
        var abstractTypes = document.Definitions.OfType<GraphQLUnionTypeDefinition>().Select(union => union.Name.StringValue)
            .Concat(document.Definitions.OfType<GraphQLInterfaceTypeDefinition>().Select(face => face.Name.StringValue))
            .ToArray();

        ISchema schema = null!;
        schema = Schema.For(sdl, builder =>
        {
            foreach (var name in abstractTypes)
            {
                builder.Types.For(name).ResolveType = value => (IObjectGraphType)schema.AllTypes[TypeNameOf(value)]!;
            }
        });
        foreach (var scalar in document.Definitions.OfType<GraphQLScalarTypeDefinition>())
        {
            schema.RegisterType(new OpaqueScalar(scalar.Name.StringValue));
        }

        schema.Initialize();
        foreach (var type in schema.AllTypes.OfType<IObjectGraphType>().Where(type => !type.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields)
            {
                var name = field.Name;
                var adminOnly = field.FindAppliedDirective(AdminDirective) is not null;
                field.Resolver = new FuncFieldResolver<object>(context =>
                    adminOnly && !(context.UserContext.TryGetValue(AdminDirective, out var admin) && admin is true)
                        ? throw new ExecutionError(ForbiddenMessage)
                        : Resolve(context.Source, name, context.Arguments));
            }
        }

        _schema = schema;
    }

    /// <summary>The schema every fake catalog serves.</summary>
    public static CatalogSchema Catalog => Shared.Value;

    /// <summary>
    /// Runs a GraphQL request and returns the JSON answer (<c>data</c> and/or <c>errors</c>); <c>@admin</c> fields answer
    /// only when <paramref name="callerIsAdmin"/>.
    /// </summary>
    public async Task<string> ExecuteAsync(string query, string? variablesJson, object root, bool callerIsAdmin = false)
    {
        var result = await new DocumentExecuter().ExecuteAsync(options =>
        {
            options.Schema = _schema;
            options.Query = query;
            options.Root = root;
            options.UserContext = new Dictionary<string, object?> { [AdminDirective] = callerIsAdmin };
            options.Variables = string.IsNullOrEmpty(variablesJson) ? Inputs.Empty : Serializer.Deserialize<Inputs>(variablesJson);
        });
        return Serializer.Serialize(result);
    }

    private static object? Resolve(object? source, string field, IDictionary<string, ArgumentValue>? arguments)
    {
        var value = MemberOf(source, field);
        if (value is CatalogResolver resolver)
        {
            var values = (arguments ?? new Dictionary<string, ArgumentValue>()).ToDictionary(pair => pair.Key, pair => pair.Value.Value);
            return resolver(values);
        }

        return value;
    }

    private static object? MemberOf(object? source, string name) => source switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> values => values.GetValueOrDefault(name),
        IDictionary values => values.Contains(name) ? values[name] : null,
        _ => source.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(source),
    };

    private static string TypeNameOf(object value) =>
        MemberOf(value, "__typename") as string
        ?? throw new InvalidOperationException($"A union or interface value needs a __typename member: {value}");

    private static string ReadEmbeddedSchema()
    {
        var assembly = typeof(CatalogSchema).Assembly;
        var parts = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".graphql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return reader.ReadToEnd();
            });
        return string.Join("\n", parts);
    }

    /// <summary>A custom scalar (<c>Datetime</c>, <c>Json</c>…) that passes fixture values through unchanged.</summary>
    private sealed class OpaqueScalar : ScalarGraphType
    {
        public OpaqueScalar(string name) => Name = name;

        public override object? ParseLiteral(GraphQLValue value) => value switch
        {
            GraphQLStringValue text => (string)text.Value,
            GraphQLNullValue => null,
            _ => value.ToString(),
        };

        public override object? ParseValue(object? value) => value;

        public override object? Serialize(object? value) => value;
    }
}
