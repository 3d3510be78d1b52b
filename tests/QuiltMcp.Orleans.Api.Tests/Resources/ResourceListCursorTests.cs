using QuiltMcp.Orleans.Api.Resources;

namespace QuiltMcp.Orleans.Api.Tests.Resources;

public sealed class ResourceListCursorTests
{
    private static readonly string[] Listable = ["bucket-a", "bucket-b"];

    [Theory]
    [InlineData("bucket-a", "")]
    [InlineData("bucket-b", ".quilt/named_packages/team/p/latest")]
    public void A_cursor_comes_back_as_it_was_issued(string bucket, string startAfter)
    {
        var cursor = new ResourceListCursor(bucket, startAfter);

        Assert.Equal(cursor, ResourceListCursor.TryDecode(cursor.Encode(), Listable));
    }

    [Theory]
    [InlineData("bucket-c", "")]
    [InlineData("bucket-a", "data/secret.txt")]
    [InlineData("bucket-a", ".quilt/named_packages/../../x")]
    public void A_cursor_for_another_bucket_or_outside_the_registry_is_refused(string bucket, string startAfter) =>
        Assert.Null(ResourceListCursor.TryDecode(new ResourceListCursor(bucket, startAfter).Encode(), Listable));

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("_w")]
    [InlineData("djI")]
    public void Anything_else_is_refused(string cursor) =>
        Assert.Null(ResourceListCursor.TryDecode(cursor, Listable));
}
