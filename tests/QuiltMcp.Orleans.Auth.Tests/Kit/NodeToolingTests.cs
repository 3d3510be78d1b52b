using System.Text.Json.Nodes;

namespace QuiltMcp.Orleans.Auth.Tests.Kit;

/// <summary>
/// The npm install the tests rely on: it happens whenever node_modules and the lockfile disagree (not only into an
/// empty folder), once however many test processes start together, and a tree that still disagrees after installing
/// fails loudly instead of being reinstalled by every process.
/// </summary>
public sealed class NodeToolingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quiltmcp-node-tooling-").FullName;
    private readonly JsonObject _packages = new()
    {
        [""] = new JsonObject { ["name"] = "servers", ["dependencies"] = new JsonObject { ["left-pad"] = "^1.3.0" } },
        ["node_modules/left-pad"] = Package("1.3.0"),
        ["node_modules/fsevents"] = new JsonObject { ["version"] = "2.3.2", ["integrity"] = "sha512-fs", ["optional"] = true, ["os"] = new JsonArray("darwin") },
    };

    private int _installs;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_lockfile_that_gains_a_package_is_installed_into_the_existing_tree()
    {
        WriteLockfile();

        Assert.True(await NodeTooling.InstallIfOutdatedAsync(_directory, FakeNpmCi));
        Assert.False(await NodeTooling.InstallIfOutdatedAsync(_directory, FakeNpmCi));

        _packages["node_modules/jose"] = Package("6.2.17");
        WriteLockfile();
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));
        Assert.True(await NodeTooling.InstallIfOutdatedAsync(_directory, FakeNpmCi));
        Assert.True(File.ReadAllText(NpmInstalledTree.InstalledRecordPath(_directory)).Contains("node_modules/jose", StringComparison.Ordinal));
        Assert.Equal(2, _installs);
    }

    [Fact]
    public async Task Every_difference_between_the_lockfile_and_the_installed_record_disagrees()
    {
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));
        WriteLockfile();
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));
        await FakeNpmCi(_directory);
        Assert.True(NpmInstalledTree.MatchesLockfile(_directory));

        foreach (var (field, value) in new[] { ("version", "1.3.1"), ("resolved", "https://mirror.example/left-pad.tgz"), ("integrity", "sha512-other") })
        {
            EditInstalled(packages => packages["node_modules/left-pad"]![field] = value);
            Assert.False(NpmInstalledTree.MatchesLockfile(_directory), field);
            await FakeNpmCi(_directory);
        }

        // A package the lockfile dropped but the tree still holds.
        EditInstalled(packages => packages["node_modules/removed"] = Package("1.0.0"));
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));

        // A required package missing from the tree; the optional one missing is how npm leaves it on Linux.
        await FakeNpmCi(_directory);
        EditInstalled(packages => packages.Remove("node_modules/left-pad"));
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));

        // A package folder deleted by hand, which npm's record does not show.
        await FakeNpmCi(_directory);
        Directory.Delete(Path.Combine(_directory, "node_modules", "left-pad"));
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));

        // An install that died while writing its record.
        File.WriteAllText(NpmInstalledTree.InstalledRecordPath(_directory), "{\"packages\": {");
        Assert.False(NpmInstalledTree.MatchesLockfile(_directory));
    }

    [Fact]
    public async Task Installers_starting_together_install_once_and_never_at_the_same_time()
    {
        WriteLockfile();
        var running = 0;
        var overlapped = false;
        async Task SlowNpmCi(string directory)
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Delay(300);
            await FakeNpmCi(directory);
            Interlocked.Decrement(ref running);
        }

        var installed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => NodeTooling.InstallIfOutdatedAsync(_directory, SlowNpmCi))));

        Assert.Single(installed, ran => ran);
        Assert.Equal(1, _installs);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task A_held_lock_makes_the_next_installer_wait_for_it()
    {
        WriteLockfile();
        var held = await NpmInstallLock.AcquireAsync(_directory, TimeSpan.FromSeconds(5));
        var waiting = NodeTooling.InstallIfOutdatedAsync(_directory, FakeNpmCi);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        Assert.True(await waiting);
    }

    [Fact]
    public async Task An_install_that_leaves_the_tree_disagreeing_fails_instead_of_repeating_in_every_process()
    {
        WriteLockfile();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeTooling.InstallIfOutdatedAsync(_directory, _ => Task.CompletedTask));

        Assert.Contains("still disagrees", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_tree_matches_its_lockfile_once_ensured()
    {
        await NodeTooling.EnsureInstalledAsync();

        Assert.True(NpmInstalledTree.MatchesLockfile(RepositoryPaths.NodeDirectory));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.NodeModules, "jose", "package.json")));
    }

    private static JsonObject Package(string version) => new()
    {
        ["version"] = version,
        ["resolved"] = $"https://registry.npmjs.org/pkg/-/pkg-{version}.tgz",
        ["integrity"] = $"sha512-{version}",
        ["license"] = "MIT",
    };

    private void WriteLockfile() => File.WriteAllText(
        NpmInstalledTree.LockfilePath(_directory),
        new JsonObject { ["name"] = "servers", ["lockfileVersion"] = 3, ["packages"] = _packages.DeepClone() }.ToJsonString());

    /// <summary>
    /// What npm ci leaves behind on Linux: a folder and a record entry for every package but the project itself and
    /// the macOS-only one.
    /// </summary>
    private Task FakeNpmCi(string directory)
    {
        Interlocked.Increment(ref _installs);
        var lockfile = JsonNode.Parse(File.ReadAllText(NpmInstalledTree.LockfilePath(directory)))!.AsObject();
        var packages = lockfile["packages"]!.AsObject();
        packages.Remove("");
        packages.Remove("node_modules/fsevents");
        foreach (var (path, _) in packages)
        {
            Directory.CreateDirectory(Path.Combine(directory, path));
        }

        Directory.CreateDirectory(Path.Combine(directory, "node_modules"));
        File.WriteAllText(NpmInstalledTree.InstalledRecordPath(directory), lockfile.ToJsonString());
        return Task.CompletedTask;
    }

    private void EditInstalled(Action<JsonObject> edit)
    {
        var record = JsonNode.Parse(File.ReadAllText(NpmInstalledTree.InstalledRecordPath(_directory)))!.AsObject();
        edit(record["packages"]!.AsObject());
        File.WriteAllText(NpmInstalledTree.InstalledRecordPath(_directory), record.ToJsonString());
    }
}
