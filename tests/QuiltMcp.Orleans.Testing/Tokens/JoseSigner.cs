using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Testing.Tokens;

/// <summary>
/// Makes keys and signs JWTs with an implementation that is neither ours nor Microsoft.IdentityModel: the npm
/// <c>jose</c> package (and Node's crypto for hostile forms jose refuses), in one node process running
/// <c>tests/node/jose-signer.mjs</c>, driven over stdin/stdout JSON lines. A validator bug that mirrors a bug in
/// our own token helpers cannot hide behind tokens made by the same code.
/// </summary>
/// <remarks>Thread-safe: requests are sent one at a time. Keys live as long as the process.</remarks>
public sealed class JoseSigner : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private int _nextId;

    private JoseSigner(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public static string ScriptPath => Path.Combine(RepositoryPaths.NodeDirectory, "jose-signer.mjs");

    public static async Task<JoseSigner> StartAsync()
    {
        await NodeTooling.EnsureInstalledAsync();
        var start = new ProcessStartInfo("node", [ScriptPath])
        {
            WorkingDirectory = RepositoryPaths.NodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        return new JoseSigner(process);
    }

    /// <summary>A new RSA key pair (any size: 1024 is allowed on purpose); returns its public JWK with kid and use.</summary>
    public async Task<JsonObject> GenerateRsaKeyAsync(string kid, int bits = 2048) =>
        (JsonObject)(await SendAsync(new JsonObject { ["op"] = "generate", ["kid"] = kid, ["kty"] = "RSA", ["bits"] = bits }))["jwk"]!;

    /// <summary>A new EC key pair on <paramref name="curve"/> (P-256, P-384, P-521); returns its public JWK.</summary>
    public async Task<JsonObject> GenerateEcKeyAsync(string kid, string curve = "P-256") =>
        (JsonObject)(await SendAsync(new JsonObject { ["op"] = "generate", ["kid"] = kid, ["kty"] = "EC", ["crv"] = curve }))["jwk"]!;

    /// <summary>Registers an HMAC secret under <paramref name="kid"/> for later <see cref="JoseSignRequest.Kid"/> use.</summary>
    public Task AddSecretAsync(string kid, byte[] secret) =>
        SendAsync(new JsonObject { ["op"] = "secret", ["kid"] = kid, ["secret"] = Base64Url.EncodeToString(secret) });

    /// <summary>The public JWKS (<c>{"keys":[…]}</c>) of the named key pairs, as an issuer publishes it.</summary>
    public async Task<JsonObject> JwksAsync(params string[] kids)
    {
        var names = new JsonArray(kids.Select(kid => (JsonNode?)JsonValue.Create(kid)).ToArray());
        return (JsonObject)(await SendAsync(new JsonObject { ["op"] = "jwks", ["kids"] = names }))["jwks"]!;
    }

    public async Task<byte[]> ExportPublicKeyAsync(string kid, JosePublicKeyFormat format)
    {
        var answer = await SendAsync(new JsonObject { ["op"] = "publicKey", ["kid"] = kid, ["format"] = format.ToString().ToLowerInvariant() });
        return Base64Url.DecodeFromChars(answer["data"]!.GetValue<string>());
    }

    public async Task<string> SignAsync(JoseSignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new JsonObject
        {
            ["op"] = "sign",
            ["engine"] = request.UseNodeCrypto ? "raw" : "jose",
            ["header"] = request.Header?.DeepClone(),
            ["headerText"] = request.HeaderText,
            ["payload"] = request.Payload?.DeepClone(),
            ["payloadText"] = request.PayloadText,
            ["kid"] = request.Kid,
            ["secret"] = request.Secret is null ? null : Base64Url.EncodeToString(request.Secret),
            ["signAs"] = request.SignAs,
            ["unencodedPayload"] = request.UnencodedPayload,
        };
        foreach (var absent in message.Where(property => property.Value is null).Select(property => property.Key).ToArray())
        {
            message.Remove(absent);
        }

        return (await SendAsync(message))["token"]!.GetValue<string>();
    }

    /// <summary>Signs <paramref name="payload"/> with jose and the key <paramref name="kid"/>, header <c>{alg, kid}</c>.</summary>
    public Task<string> SignAsync(string alg, string kid, JsonObject payload) => SignAsync(new JoseSignRequest
    {
        Header = new JsonObject { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" },
        Payload = payload,
        Kid = kid,
    });

    /// <summary>A real JWE (five parts) encrypted to the RSA key <paramref name="kid"/>.</summary>
    public async Task<string> EncryptAsync(string kid, string payloadText) =>
        (await SendAsync(new JsonObject { ["op"] = "encrypt", ["kid"] = kid, ["payloadText"] = payloadText }))["token"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            // End of input ends the script's read loop, so it exits on its own.
            _process.StandardInput.Close();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
            _gate.Dispose();
        }
    }

    private async Task<JsonObject> SendAsync(JsonObject message)
    {
        await _gate.WaitAsync();
        try
        {
            var id = ++_nextId;
            message["id"] = id;
            await _process.StandardInput.WriteLineAsync(message.ToJsonString());
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(RequestTimeout);
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"jose-signer exited: {StandardError()}");
            var answer = JsonNode.Parse(line) as JsonObject
                ?? throw new InvalidOperationException($"jose-signer answered something that is not a JSON object: {line}");
            if (answer["id"]?.GetValue<int>() != id)
            {
                throw new InvalidOperationException($"jose-signer answered request {answer["id"]} to request {id}.");
            }

            return answer["ok"]?.GetValue<bool>() == true
                ? answer
                : throw new InvalidOperationException($"jose-signer refused '{message["op"]}': {answer["error"]}");
        }
        finally
        {
            _gate.Release();
        }
    }

    private string StandardError()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}
