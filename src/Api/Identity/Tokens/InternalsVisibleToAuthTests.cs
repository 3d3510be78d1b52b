using System.Runtime.CompilerServices;

// The decoders and the key cache are internal details of token validation; their own tests exercise them directly.
[assembly: InternalsVisibleTo("QuiltMcp.Orleans.Auth.Tests")]
