using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip.Emulator.Hosting;
using Telnyx.Sip.Emulator.Spec;

namespace Telnyx.Sip.Emulator;

/// <summary>
/// A stateful local API interpreted from an OpenAPI spec: <c>GET /things</c> lists, <c>POST /things</c> creates,
/// <c>GET|PATCH|PUT|DELETE /things/{id}</c> act on one item, and every other operation answers with data valid for
/// its response schema. Requests are validated against the spec and bad ones get the spec's error shape; lists page,
/// filter and sort as the spec's parameters declare. State belongs to the instance; every member is thread-safe.
/// </summary>
/// <example>
/// <code>
/// var emulator = ApiEmulator.FromFile("specs/telnyx-sip.yaml");
/// var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseUrl };
/// </code>
/// </example>
public sealed partial class ApiEmulator
{
    private readonly object _gate = new();
    private readonly ApiModel _model;
    private readonly SchemaValidator _validator;
    private readonly DataGenerator _generator;
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, Store> _stores = new(StringComparer.Ordinal);
    private readonly Queue<RecordedRequest> _journal = new();
    private int _received;
    private readonly Dictionary<int, (JsonNode? Schema, JsonNode? Example)> _errorShapes = [];
    private readonly Dictionary<int, Operation[]> _routes;
    private readonly List<(string? In, string Name)> _apiKeys = [];
    private readonly HashSet<string> _credentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization" };
    private readonly HashSet<string> _queryKeys = new(StringComparer.Ordinal); // query parameters that are API keys
    private readonly ConditionalWeakTable<JsonObject, Rendered> _rendered = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter? _writer;
    private Random _random;
    private DateTimeOffset _clock;
    private long _nextInteger;

    /// <summary>Reads <paramref name="specText"/> (OpenAPI 3.x, YAML or JSON) and starts with no items.</summary>
    /// <exception cref="FormatException">The text is not a YAML or JSON mapping.</exception>
    public ApiEmulator(string specText, EmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(specText);
        _options = options ?? new EmulatorOptions();
        _model = ApiModel.Build(SpecReader.Parse(specText));
        _validator = new SchemaValidator(_model.Schemas);
        _generator = new DataGenerator(_model.Schemas, _validator, Now, NewGuid);
        _random = new Random(_options.Seed);
        _clock = _options.StartTime;
        Faults = new FaultInjector(_options.Seed);
        BaseUrl = _options.BaseUrl ?? new Uri("http://localhost" + _model.BasePath + "/");
        CollectErrorShapes();
        CollectApiKeys();
        // By segment count; within one, literal segments before parameters (/things/search before /things/{id}).
        _routes = _model.Operations.GroupBy(o => o.Segments.Length).ToDictionary(g => g.Key, g => g.OrderBy(o => o.ParameterCount).ToArray());
    }

    /// <summary>Reads the spec at <paramref name="path"/>.</summary>
    public static ApiEmulator FromFile(string path, EmulatorOptions? options = null) => new(File.ReadAllText(path), options);

    /// <summary>Reads the spec from <paramref name="stream"/> (such as an embedded resource).</summary>
    public static ApiEmulator FromStream(Stream stream, EmulatorOptions? options = null)
    {
        using var reader = new StreamReader(stream);
        return new ApiEmulator(reader.ReadToEnd(), options);
    }

    /// <summary>The base URL to give a client that sends through <see cref="CreateHandler"/>, such as <c>http://localhost/v2/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The collection paths the emulator inferred from the spec, such as <c>/things</c>.</summary>
    public IReadOnlyList<string> Collections => _model.Resources.Select(r => r.CollectionPath).ToArray();

    /// <summary>Faults waiting for the next requests.</summary>
    public FaultInjector Faults { get; }

    /// <summary>
    /// The requests received since the emulator was created or reset, oldest first (a copy); the newest
    /// <see cref="EmulatorOptions.JournalCapacity"/> of them when more arrived (their <see cref="RecordedRequest.Sequence"/>
    /// still counts from the first).
    /// </summary>
    public IReadOnlyList<RecordedRequest> Journal
    {
        get
        {
            lock (_gate)
            {
                return _journal.ToArray();
            }
        }
    }

    /// <summary>An in-process handler: give it to an <see cref="HttpClient"/> (with <see cref="BaseUrl"/>); no port is opened.</summary>
    public HttpMessageHandler CreateHandler() => new EmulatorHandler(this);

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/> whose base address is <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = BaseUrl };

    /// <summary>Serves this emulator over HTTP on a loopback port (0 picks a free one) until the server is disposed.</summary>
    public Task<EmulatorServer> ServeAsync(int port = 0, CancellationToken cancellationToken = default) =>
        EmulatorServer.StartAsync(this, port, cancellationToken);

    /// <summary>Forgets every item, the journal and waiting faults, and restarts the ids and the clock.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _stores.Clear();
            _journal.Clear();
            _received = 0;
            _random = new Random(_options.Seed);
            _clock = _options.StartTime;
            _nextInteger = 0;
        }

        Faults.Clear();
    }

    /// <summary>
    /// Adds <paramref name="item"/> to the collection at <paramref name="collectionPath"/> (<c>/things</c>, or a nested
    /// collection with its parent ids filled in), filling what the server owns (id, timestamps, defaults, read-only
    /// members) when absent. Returns a copy of what was stored.
    /// </summary>
    /// <exception cref="ArgumentException">No collection has this path, or an item with this id exists.</exception>
    public JsonObject Seed(string collectionPath, JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            (Resource resource, string key) = FindCollection(collectionPath);
            JsonObject stored = (JsonObject)item.DeepClone();
            Complete(resource, stored, requestSchema: null);
            Store store = StoreFor(key);
            if (!store.TryAdd(IdText(stored[resource.IdProperty]), stored))
            {
                throw new ArgumentException($"An item with {resource.IdProperty} {stored[resource.IdProperty]?.ToJsonString()} is already in {collectionPath}.", nameof(item));
            }

            return (JsonObject)stored.DeepClone();
        }
    }

    /// <summary>Adds the JSON object <paramref name="json"/>; see <see cref="Seed(string, JsonObject)"/>.</summary>
    public JsonObject Seed(string collectionPath, string json) =>
        Seed(collectionPath, JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("The JSON is not an object.", nameof(json)));

    /// <summary>
    /// Adds, to every top-level collection, the items of the spec's examples (a list response's examples, else the
    /// item schema's example). Returns how many items were added.
    /// </summary>
    public int SeedExamples()
    {
        int added = 0;
        lock (_gate)
        {
            foreach (Resource resource in _model.Resources.Where(r => !r.CollectionPath.Contains('{')))
            {
                foreach (JsonObject example in Examples(resource))
                {
                    JsonObject item = (JsonObject)example.DeepClone();
                    Complete(resource, item, requestSchema: null);
                    if (StoreFor(resource.CollectionPath).TryAdd(IdText(item[resource.IdProperty]), item))
                    {
                        added++;
                    }
                }
            }
        }

        return added;
    }

    /// <summary>Copies of the items of a collection, in the order they were added.</summary>
    public IReadOnlyList<JsonObject> Items(string collectionPath)
    {
        lock (_gate)
        {
            (_, string key) = FindCollection(collectionPath);
            return _stores.TryGetValue(key, out Store? store) ? store.Items.Select(i => (JsonObject)i.DeepClone()).ToArray() : [];
        }
    }

    /// <summary>A copy of the item with this id, or null.</summary>
    public JsonObject? Find(string collectionPath, string id)
    {
        lock (_gate)
        {
            (_, string key) = FindCollection(collectionPath);
            return _stores.TryGetValue(key, out Store? store) && store.Get(id) is { } item ? (JsonObject)item.DeepClone() : null;
        }
    }

    private (Resource Resource, string Key) FindCollection(string collectionPath)
    {
        ArgumentNullException.ThrowIfNull(collectionPath);
        string[] segments = ApiModel.Split(StripBase(collectionPath.Split('?')[0]));
        foreach (Resource resource in _model.Resources)
        {
            string[] template = ApiModel.Split(resource.CollectionPath);
            if (template.Length == segments.Length && template.Zip(segments).All(p => ApiModel.IsParameter(p.First) || p.First == p.Second))
            {
                return (resource, "/" + string.Join('/', segments));
            }
        }

        throw new ArgumentException(
            $"The spec has no collection at '{collectionPath}'. Collections: {string.Join(", ", Collections)}.", nameof(collectionPath));
    }

    private Store StoreFor(string key)
    {
        if (!_stores.TryGetValue(key, out Store? store))
        {
            _stores[key] = store = new Store();
        }

        return store;
    }

    private IEnumerable<JsonObject> Examples(Resource resource)
    {
        var found = new List<JsonObject>();
        if (resource.List is not null && ResponseShape.Success(_model.Schemas, resource.List) is { MediaType: { } media } &&
            ListShape.From(_model.Schemas, resource.List) is { } shape)
        {
            IEnumerable<JsonNode?> values = media["examples"] is JsonObject named
                ? named.Select(e => _model.Schemas.Resolve(e.Value)?["value"])
                : [media["example"]];
            foreach (JsonNode? value in values)
            {
                JsonNode? items = shape.ItemsMember is null ? value : (value as JsonObject)?[shape.ItemsMember];
                found.AddRange((items as JsonArray ?? []).OfType<JsonObject>());
            }
        }

        if (found.Count == 0 && _model.Schemas.Resolve(resource.ItemSchema)?["example"] is JsonObject example)
        {
            found.Add(example);
        }

        return found;
    }

    /// <summary>
    /// The spec's API-key schemes, where each is sent and under what name, read once: what <c>HasCredentials</c> accepts
    /// besides <c>Authorization</c>, and which headers are credentials (a cookie scheme makes <c>Cookie</c> one).
    /// </summary>
    private void CollectApiKeys()
    {
        if (_model.Schemas.Root["components"]?["securitySchemes"] is not JsonObject schemes)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonNode?> scheme in schemes)
        {
            JsonObject? definition = _model.Schemas.Resolve(scheme.Value);
            if (Schemas.String(definition, "type") != "apiKey")
            {
                continue;
            }

            string? where = Schemas.String(definition, "in");
            if (where == "cookie")
            {
                _credentialHeaders.Add("Cookie");
            }

            if (Schemas.String(definition, "name") is { } name)
            {
                _apiKeys.Add((where, name));
                if (where == "header" && name.Length > 0)
                {
                    _credentialHeaders.Add(name);
                }
                else if (where == "query")
                {
                    _queryKeys.Add(name);
                }
            }
        }
    }

    private DateTimeOffset Now()
    {
        if (_options.TimeProvider is { } provider)
        {
            return provider.GetUtcNow();
        }

        DateTimeOffset now = _clock;
        _clock += _options.Tick;
        return now;
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
#if NET8_0_OR_GREATER
        return new Guid(bytes);
#else
        return new Guid(bytes.ToArray());
#endif
    }

    /// <summary>
    /// Request headers as a host collects them, credentials masked as they are added (the emulator accepts any value,
    /// so it never needs them). A host does not change the dictionary once it has handed the request over, so the
    /// journal keeps it without a copy.
    /// </summary>
    internal sealed class RequestHeaders() : Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        public void Add(ApiEmulator emulator, string name, string value) =>
            this[name] = !emulator.IsCredentialHeader(name) ? value
                : string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase) ? MaskCookies(value)
                : "***";

        /// <summary>
        /// <c>a=1; sid=xyz</c> as <c>a=***; sid=***</c>: which cookies came stays visible (and checkable), not their
        /// values. A pair without <c>=</c> is all value (RFC 6265bis 5.7), so it is <c>***</c> whole.
        /// </summary>
        private static string MaskCookies(string value)
        {
            var masked = new System.Text.StringBuilder(value.Length);
            foreach (string pair in value.Split(';'))
            {
                if (pair.Trim().Length == 0)
                {
                    continue;
                }

                masked.Append(masked.Length == 0 ? "" : "; ").Append(CookieName(pair) is { } name ? name + "=***" : "***");
            }

            return masked.ToString();
        }
    }

    /// <summary>The names in a <c>Cookie</c> header (<c>name=value</c> pairs separated by <c>;</c>, RFC 6265 5.4).</summary>
    internal static IEnumerable<string> CookieNames(string header) => header.Split(';').Select(CookieName).OfType<string>();

    /// <summary>The name of one <c>name=value</c> pair; null for a pair without <c>=</c> or with an empty name.</summary>
    private static string? CookieName(string pair)
    {
        int equals = pair.IndexOf('=');
        string name = equals < 0 ? "" : pair.Substring(0, equals).Trim();
        return name.Length > 0 ? name : null;
    }

    /// <summary>
    /// Items of one concrete collection, by id and in insertion order. An item is never changed once stored: a change
    /// stores a new object (<see cref="Replace"/>), which is what lets <see cref="Wrap"/> keep each item's JSON.
    /// </summary>
    private sealed class Store
    {
        private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
        private readonly List<JsonObject> _items = [];
        private readonly List<string> _ids = [];

        public IReadOnlyList<JsonObject> Items => _items;

        public JsonObject? Get(string id) => _byId.GetValueOrDefault(id);

        public bool TryAdd(string id, JsonObject item)
        {
            if (!_byId.TryAdd(id, item))
            {
                return false;
            }

            _items.Add(item);
            _ids.Add(id);
            return true;
        }

        public void Replace(string id, JsonObject item)
        {
            int index = _ids.IndexOf(id);
            _items[index] = item;
            _byId[id] = item;
        }

        public bool Remove(string id)
        {
            if (!_byId.Remove(id))
            {
                return false;
            }

            int index = _ids.IndexOf(id);
            _ids.RemoveAt(index);
            _items.RemoveAt(index);
            return true;
        }
    }
}
