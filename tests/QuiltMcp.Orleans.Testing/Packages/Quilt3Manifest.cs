namespace QuiltMcp.Orleans.Testing.Packages;

/// <summary>
/// A manifest in the form quilt3 writes (spaces after separators, a workflow, a folder-metadata line, a
/// sha2-256-chunked hash, an encoded physical key with a version). The top hash was computed by CPython with
/// quilt3's recipe, independently of the server.
/// </summary>
public static class Quilt3Manifest
{
    public const string TopHash = "4718650417648ed06f763f54e8a69dc55442d05d9b7609d40a76da0099e9c6ac";

    public const string Text = """
        {"version": "v0", "message": "written by quilt3", "user_meta": {"source": "lab", "ratio": 0.25}, "workflow": {"config": "s3://reg-bucket/.quilt/workflows/config.yml?versionId=xyz", "id": null}}
        {"logical_key": "raw", "meta": {"user_meta": {"folder": "raw data"}}}
        {"logical_key": "raw/sample 1.csv", "physical_keys": ["s3://src-bucket/raw/sample%201.csv?versionId=v1"], "size": 12, "hash": {"type": "sha2-256-chunked", "value": "Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg="}, "meta": {"user_meta": {"rows": 3}}}
        {"logical_key": "README.md", "physical_keys": ["s3://src-bucket/README.md"], "size": 5, "hash": {"type": "SHA256", "value": "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"}, "meta": {}}
        """;
}
