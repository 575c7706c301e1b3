using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Telnyx.Sip.Emulator.Spec;

namespace Telnyx.Sip.Emulator;

public sealed partial class ApiEmulator
{
    private static readonly string[] TextOperators = ["contains", "startswith", "endswith", "eq", "ne", "gt", "gte", "lt", "lte"];
    private static readonly string[] PageNumberNames = ["number", "page_number", "page"];
    private static readonly string[] PageSizeNames = ["size", "page_size", "per_page", "limit"];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> JsonContentType = Array.AsReadOnly<KeyValuePair<string, string>>([new("Content-Type", "application/json")]);

    /// <summary>
    /// Answers one request: injected faults first, then the operation the spec defines for its method and path.
    /// Never throws for a bad request: those get the spec's error responses.
    /// </summary>
    public async Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Fault? fault = Faults.Take(request);
        if (fault is { Kind: FaultKind.Latency })
        {
            await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            var exchange = new Exchange(request);
            EmulatorResponse response;
            try
            {
                response = fault switch
                {
                    { Kind: FaultKind.DropConnection } => new EmulatorResponse(0, [], null) { DropConnection = true },
                    { Kind: FaultKind.Status } => FaultResponse(exchange, fault),
                    _ => Answer(exchange),
                };
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A bug in the emulator, not in the request: still an answer in the API's shape.
                response = Error(exchange, 500, "Internal Server Error", [new Problem("/", "The emulator failed: " + error.Message)]);
            }

            Record(new RecordedRequest(
                ++_received, Now(), request.Method, exchange.Path, Recorded(exchange.Query), Recorded(request.Headers), request.Body,
                exchange.Operation?.Id, response.Status, fault is { Kind: not FaultKind.Latency } ? fault : null));
            return response;
        }
    }

    /// <summary>Keeps the newest requests, up to the journal's capacity, so that a long-running emulator does not grow without bound.</summary>
    private void Record(RecordedRequest entry)
    {
        if (_options.JournalCapacity <= 0)
        {
            return;
        }

        while (_journal.Count >= _options.JournalCapacity)
        {
            _journal.Dequeue();
        }

        _journal.Enqueue(entry);
    }

    /// <summary>The request's parts, and what routing found.</summary>
    private sealed class Exchange
    {
        public Exchange(EmulatorRequest request)
        {
            Request = request;
            int mark = request.PathAndQuery.IndexOf('?');
            RawPath = mark < 0 ? request.PathAndQuery : request.PathAndQuery[..mark];
            Path = RawPath;
            Query = ParseQuery(mark < 0 ? "" : request.PathAndQuery[(mark + 1)..]);
        }

        public EmulatorRequest Request { get; }

        public string RawPath { get; }

        public string Path { get; set; }

        public List<KeyValuePair<string, string>> Query { get; }

        public Operation? Operation { get; set; }

        public Dictionary<string, string> PathValues { get; } = new(StringComparer.Ordinal);

        public List<ParameterValue> Parameters { get; set; } = [];
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string key = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            result.Add(new KeyValuePair<string, string>(key, value));
        }

        return result;

        static string Decode(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return text;
            }
        }
    }

    /// <summary>
    /// The headers as the journal keeps them: credentials masked. The hosts' own dictionaries are masked as they are
    /// built and never change afterwards, so they are kept as they are; a caller's dictionary is copied.
    /// </summary>
    private IReadOnlyDictionary<string, string> Recorded(IReadOnlyDictionary<string, string> headers)
    {
        if (headers is RequestHeaders masked)
        {
            return masked;
        }

        var copy = new RequestHeaders();
        foreach (KeyValuePair<string, string> header in headers)
        {
            copy.Add(this, header.Key, header.Value);
        }

        return copy;
    }

    /// <summary>The query as the journal keeps it: the parameters the spec's API-key schemes name as <c>***</c> (copied only then).</summary>
    private IReadOnlyList<KeyValuePair<string, string>> Recorded(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (_queryKeys.Count == 0 || !query.Any(parameter => _queryKeys.Contains(parameter.Key)))
        {
            return query;
        }

        return query.Select(parameter => _queryKeys.Contains(parameter.Key) ? new KeyValuePair<string, string>(parameter.Key, "***") : parameter).ToList();
    }

    /// <summary>Whether a request header carries a credential: <c>Authorization</c>, a cookie, or a header the spec's API-key schemes name.</summary>
    internal bool IsCredentialHeader(string name) => _credentialHeaders.Contains(name);

    private string StripBase(string path)
    {
        string basePath = _model.BasePath;
        if (basePath.Length > 0 && path.StartsWith(basePath, StringComparison.Ordinal) &&
            (path.Length == basePath.Length || path[basePath.Length] == '/'))
        {
            path = path[basePath.Length..];
        }

        return path.Length == 0 ? "/" : path;
    }

    private EmulatorResponse Answer(Exchange exchange)
    {
        if (Route(exchange) is { } routingError)
        {
            return routingError;
        }

        return AfterRouting(exchange, exchange.Operation!);
    }

    /// <summary>Finds the operation for the request's method and path; an error response when there is none.</summary>
    private EmulatorResponse? Route(Exchange exchange)
    {
        exchange.Path = StripBase(exchange.RawPath);
        string[] segments = ApiModel.Split(exchange.Path);
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Contains('%'))
            {
                segments[i] = Uri.UnescapeDataString(segments[i]);
            }
        }

        string method = exchange.Request.Method.ToUpperInvariant();
        Operation? matched = null;
        bool pathExists = false;
        // A literal segment wins over a parameter (/things/search before /things/{id}).
        foreach (Operation operation in _routes.GetValueOrDefault(segments.Length) ?? [])
        {
            if (!Matches(operation.Segments, segments))
            {
                continue;
            }

            pathExists = true;
            if (operation.Method == method)
            {
                matched = operation;
                break;
            }
        }

        if (matched is null)
        {
            return pathExists
                ? Error(exchange, 405, "Method Not Allowed", [new Problem("/", $"{exchange.Request.Method} is not allowed on {exchange.Path}.")])
                : Error(exchange, 404, "Not Found", [new Problem("/", $"The API has no path {exchange.Path}.")]);
        }

        exchange.Operation = matched;
        for (int i = 0; i < segments.Length; i++)
        {
            if (ApiModel.IsParameter(matched.Segments[i]))
            {
                exchange.PathValues[matched.Segments[i][1..^1]] = segments[i];
            }
        }

        return null;
    }

    private EmulatorResponse AfterRouting(Exchange exchange, Operation matched)
    {
        if (_options.RequireCredentials && matched.NeedsCredentials && !HasCredentials(exchange))
        {
            return Error(exchange, 401, "Authentication failed", [new Problem("/", "The request carries no credentials.")]);
        }

        List<Problem> queryProblems = ValidateParameters(exchange);
        if (queryProblems.Count > 0)
        {
            return Error(exchange, ValidationStatus(matched, 400), "Invalid parameter", queryProblems);
        }

        JsonNode? body = null;
        if (matched.Node["requestBody"] is { } bodyNode && _model.Schemas.Resolve(bodyNode) is { } requestBody)
        {
            JsonNode? bodySchema = ResponseShape.JsonMedia(_model.Schemas, requestBody)?["schema"];
            if (string.IsNullOrWhiteSpace(exchange.Request.Body))
            {
                if (Schemas.Bool(requestBody, "required"))
                {
                    return Error(exchange, ValidationStatus(matched, 422), "Invalid request", [new Problem("/", "The request needs a JSON body.")]);
                }
            }
            else
            {
                try
                {
                    body = JsonNode.Parse(exchange.Request.Body!); // not blank, checked above
                }
                catch (JsonException error)
                {
                    return Error(exchange, DeclaredOr(matched, 400, 400, 422), "Bad Request", [new Problem("/", "The body is not valid JSON: " + error.Message)]);
                }

                List<Problem> problems = _validator.Validate(body, bodySchema);
                if (problems.Count > 0)
                {
                    return Error(exchange, ValidationStatus(matched, 422), "Invalid value", problems);
                }
            }
        }

        if (Streamed(exchange, matched) is { } streamed)
        {
            return streamed;
        }

        return matched.Kind switch
        {
            OperationKind.List => List(exchange, matched.Resource!),
            OperationKind.Create => Create(exchange, matched.Resource!, body as JsonObject ?? []),
            OperationKind.Retrieve => WithItem(exchange, (resource, store, id, item) => Success(exchange, Wrap(resource, exchange, item))),
            OperationKind.Update => WithItem(exchange, (resource, store, id, item) => Update(exchange, resource, store, id, item, body as JsonObject ?? [], merge: true)),
            OperationKind.Replace => WithItem(exchange, (resource, store, id, item) => Update(exchange, resource, store, id, item, body as JsonObject ?? [], merge: false)),
            OperationKind.Delete => WithItem(exchange, (resource, store, id, item) =>
            {
                store.Remove(id);
                return Success(exchange, Wrap(resource, exchange, item));
            }),
            _ => matched.Resource is not null && exchange.PathValues.ContainsKey(matched.Resource.ItemParameter ?? "")
                ? WithItem(exchange, (resource, store, id, item) => Other(exchange, resource, item))
                : Other(exchange, null, null),
        };
    }

    private static bool Matches(string[] template, string[] segments)
    {
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != segments[i] && !ApiModel.IsParameter(template[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasCredentials(Exchange exchange)
    {
        IReadOnlyDictionary<string, string> headers = exchange.Request.Headers;
        if (headers.ContainsKey("Authorization"))
        {
            return true;
        }

        foreach ((string? where, string name) in _apiKeys)
        {
            bool sent = where switch
            {
                "query" => exchange.Query.Any(q => q.Key == name),
                "cookie" => headers.TryGetValue("Cookie", out string? cookies) && CookieNames(cookies).Contains(name, StringComparer.Ordinal),
                _ => headers.ContainsKey(name),
            };
            if (sent)
            {
                return true;
            }
        }

        return false;
    }

    private delegate EmulatorResponse ItemAction(Resource resource, Store store, string id, JsonObject item);

    private EmulatorResponse WithItem(Exchange exchange, ItemAction action)
    {
        Resource resource = exchange.Operation!.Resource!;
        string id = exchange.PathValues[resource.ItemParameter!];
        string key = CollectionKey(resource, exchange);
        if (_stores.TryGetValue(key, out Store? store) && store.Get(id) is { } item)
        {
            return action(resource, store, id, item);
        }

        return Error(exchange, 404, "Resource not found", [new Problem("/", $"No item has the id '{id}'.")]);
    }

    /// <summary>The concrete collection path (<c>/things</c>, or <c>/parents/7/things</c> for a nested collection).</summary>
    private static string CollectionKey(Resource resource, Exchange exchange)
    {
        if (!resource.CollectionPath.Contains('{'))
        {
            return resource.CollectionPath;
        }

        IEnumerable<string> segments = ApiModel.Split(resource.CollectionPath)
            .Select(s => ApiModel.IsParameter(s) && exchange.PathValues.TryGetValue(s[1..^1], out string? value) ? value : s);
        return "/" + string.Join('/', segments);
    }

    private EmulatorResponse Create(Exchange exchange, Resource resource, JsonObject body)
    {
        var item = new JsonObject();
        JsonNode? requestSchema = RequestSchema(exchange.Operation!);
        IReadOnlyList<KeyValuePair<string, JsonNode?>> itemProperties = _model.Schemas.Properties(resource.ItemSchema);
        foreach (KeyValuePair<string, JsonNode?> member in body)
        {
            if (itemProperties.Count == 0 || itemProperties.Any(p => p.Key == member.Key))
            {
                item[member.Key] = member.Value?.DeepClone();
            }
        }

        Complete(resource, item, requestSchema);
        Store store = StoreFor(CollectionKey(resource, exchange));
        if (!store.TryAdd(IdText(item[resource.IdProperty]), item))
        {
            return Error(exchange, DeclaredOr(exchange.Operation!, 409, 409, 422), "Conflict",
                [new Problem("/" + resource.IdProperty, $"An item with this {resource.IdProperty} exists.")]);
        }

        return Success(exchange, Wrap(resource, exchange, item));
    }

    private EmulatorResponse Update(Exchange exchange, Resource resource, Store store, string id, JsonObject item, JsonObject body, bool merge)
    {
        JsonObject updated = merge ? (JsonObject)item.DeepClone() : Owned(resource, item, RequestSchema(exchange.Operation!));
        Merge(updated, body, resource.ItemSchema, 0);
        updated[resource.IdProperty] = item[resource.IdProperty]?.DeepClone();
        foreach (KeyValuePair<string, JsonNode?> property in _model.Schemas.Properties(resource.ItemSchema))
        {
            if (IsUpdatedStamp(property.Key))
            {
                updated[property.Key] = Stamp(property.Value);
            }
        }

        if (!merge)
        {
            Complete(resource, updated, RequestSchema(exchange.Operation!));
        }

        store.Replace(id, updated);
        return Success(exchange, Wrap(resource, exchange, updated));
    }

    /// <summary>What a replacement keeps: the members the request cannot set.</summary>
    private JsonObject Owned(Resource resource, JsonObject item, JsonNode? requestSchema)
    {
        var kept = new JsonObject();
        foreach (KeyValuePair<string, JsonNode?> member in item)
        {
            if (_model.Schemas.Property(requestSchema, member.Key) is null)
            {
                kept[member.Key] = member.Value?.DeepClone();
            }
        }

        return kept;
    }

    /// <summary>JSON merge patch: absent members stay, null clears (to null where the schema allows it, else removes), objects merge.</summary>
    private void Merge(JsonObject target, JsonObject patch, JsonNode? schema, int depth)
    {
        foreach (KeyValuePair<string, JsonNode?> member in patch)
        {
            JsonNode? memberSchema = _model.Schemas.Property(schema, member.Key);
            if (member.Value is null)
            {
                if (memberSchema is not null && _model.Schemas.AllowsNull(memberSchema))
                {
                    target[member.Key] = null;
                }
                else
                {
                    target.Remove(member.Key);
                }
            }
            else if (member.Value is JsonObject inner && target[member.Key] is JsonObject existing && depth < 32)
            {
                Merge(existing, inner, memberSchema, depth + 1);
            }
            else
            {
                target[member.Key] = member.Value.DeepClone();
            }
        }
    }

    private EmulatorResponse Other(Exchange exchange, Resource? resource, JsonObject? item)
    {
        ResponseShape? success = Success(exchange.Operation!);
        if (success?.Schema is not { } schema)
        {
            return Respond(exchange, success?.Status ?? 204, success?.Response, (byte[]?)null);
        }

        // An action that answers with its item (same schema) answers with the stored item.
        if (resource is not null && item is not null && Envelope.From(_model.Schemas, schema, resource) is { } envelope &&
            Schemas.RefOf(envelope.ItemSchema) is { } itemRef && itemRef == Schemas.RefOf(resource.ItemSchema))
        {
            return Respond(exchange, success.Status, success.Response, envelope.Wrap((JsonObject)item.DeepClone()));
        }

        return Respond(exchange, success.Status, success.Response, _generator.Generate(schema));
    }

    /// <summary>
    /// The item as the operation's success response carries it (bare or in its envelope), as UTF-8 JSON. Stored items
    /// are never changed in place (a change stores a new object), so the bytes are kept with the item and reused until
    /// it is replaced or removed; they are shared, never written to.
    /// </summary>
    private byte[] Wrap(Resource resource, Exchange exchange, JsonObject item)
    {
        Operation operation = exchange.Operation!;
        operation.Envelope ??= Success(operation)?.Schema is { } schema ? Envelope.From(_model.Schemas, schema, resource) ?? Envelope.Bare : Envelope.Bare;
        Rendered rendered = _rendered.GetOrCreateValue(item);
        rendered.Bare ??= Utf8(item);
        if (operation.Envelope.Member is not { } member)
        {
            return rendered.Bare;
        }

        if (rendered.Member != member || rendered.Wrapped is null)
        {
            Utf8JsonWriter writer = Writer();
            writer.WriteStartObject();
            writer.WritePropertyName(member);
            writer.WriteRawValue(rendered.Bare, skipInputValidation: true);
            writer.WriteEndObject();
            writer.Flush();
            rendered.Wrapped = _buffer.WrittenSpan.ToArray();
            rendered.Member = member;
        }

        return rendered.Wrapped;
    }

    /// <summary>A stored item's JSON, bare and in the last envelope asked for.</summary>
    private sealed class Rendered
    {
        public byte[]? Bare { get; set; }

        public string? Member { get; set; }

        public byte[]? Wrapped { get; set; }
    }

    /// <summary>The emulator's one writer over its one buffer, emptied; only used under the lock.</summary>
    private Utf8JsonWriter Writer()
    {
        _buffer.ResetWrittenCount();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_buffer);
        }
        else
        {
            _writer.Reset(_buffer);
        }

        return _writer;
    }

    /// <summary>A node as UTF-8 JSON, written as <see cref="JsonNode.ToJsonString"/> writes it.</summary>
    private byte[] Utf8(JsonNode node)
    {
        Utf8JsonWriter writer = Writer();
        node.WriteTo(writer);
        writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private ResponseShape? Success(Operation operation)
    {
        if (!operation.SuccessKnown)
        {
            operation.Success = ResponseShape.Success(_model.Schemas, operation);
            operation.SuccessKnown = true;
        }

        return operation.Success;
    }

    private EmulatorResponse Success(Exchange exchange, JsonNode? body) => Success(exchange, body is null ? null : Utf8(body));

    private EmulatorResponse Success(Exchange exchange, byte[]? body)
    {
        ResponseShape? success = Success(exchange.Operation!);
        return Respond(exchange, success?.Status ?? 200, success?.Response, success?.Schema is null ? null : body);
    }

    private JsonNode? RequestSchema(Operation operation) =>
        operation.Node["requestBody"] is { } node && _model.Schemas.Resolve(node) is { } body
            ? ResponseShape.JsonMedia(_model.Schemas, body)?["schema"]
            : null;

    /// <summary>Fills what the server owns: the id, timestamps, members the request schema lacks, valid defaults, required members.</summary>
    private void Complete(Resource resource, JsonObject item, JsonNode? requestSchema)
    {
        Schemas schemas = _model.Schemas;
        if (!item.ContainsKey(resource.IdProperty) || item[resource.IdProperty] is null)
        {
            item[resource.IdProperty] = NewId(resource);
        }

        IReadOnlyList<string> required = schemas.Required(resource.ItemSchema);
        foreach (KeyValuePair<string, JsonNode?> property in schemas.Properties(resource.ItemSchema))
        {
            if (item.ContainsKey(property.Key))
            {
                continue;
            }

            JsonObject? propertySchema = schemas.Resolve(property.Value);
            bool serverOwned = Schemas.Bool(propertySchema, "readOnly") ||
                               (requestSchema is not null && schemas.Property(requestSchema, property.Key) is null);
            if (IsCreatedStamp(property.Key) || IsUpdatedStamp(property.Key))
            {
                item[property.Key] = Stamp(property.Value);
            }
            else if (propertySchema?["default"] is { } declared && _validator.IsValid(declared, propertySchema))
            {
                item[property.Key] = declared.DeepClone();
            }
            else if (serverOwned || required.Contains(property.Key))
            {
                JsonNode? value = _generator.Generate(property.Value, property.Key);
                if (value is not null || schemas.AllowsNull(property.Value))
                {
                    item[property.Key] = value;
                }
            }
        }
    }

    private JsonNode Stamp(JsonNode? schema)
    {
        DateTimeOffset now = Now();
        return _model.Schemas.Types(_model.Schemas.Resolve(schema) ?? []).Contains("integer")
            ? JsonValue.Create(now.ToUnixTimeSeconds())
            : JsonValue.Create(DataGenerator.Timestamp(now));
    }

    private static bool IsCreatedStamp(string name) => name is "created_at" or "createdAt" or "created" or "creation_time";

    private static bool IsUpdatedStamp(string name) => name is "updated_at" or "updatedAt" or "updated" or "modified_at" or "modifiedAt" or "last_modified";

    private JsonNode NewId(Resource resource)
    {
        for (int attempt = 0; ; attempt++)
        {
            JsonNode id = resource.IdKind switch
            {
                IdKind.Integer => JsonValue.Create(++_nextInteger),
                IdKind.NumericString => JsonValue.Create(Digits(resource.IdDigits)),
                _ => JsonValue.Create(NewGuid().ToString("D")),
            };
            string text = IdText(id);
            if (attempt > 100 || !_stores.Values.Any(s => s.Get(text) is not null))
            {
                return id;
            }
        }
    }

    private string Digits(int count)
    {
        Span<char> digits = stackalloc char[Math.Clamp(count, 1, 40)];
        digits[0] = (char)('1' + _random.Next(9));
        for (int i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + _random.Next(10));
        }

        return digits.ToString();
    }

    private static string IdText(JsonNode? id) => Json.Text(id);

    private int ValidationStatus(Operation operation, int fallback) => DeclaredOr(operation, 422, 400, fallback);

    private static int DeclaredOr(Operation operation, int first, int second, int fallback)
    {
        JsonObject? responses = operation.Node["responses"] as JsonObject;
        return responses?.ContainsKey(first.ToString(CultureInfo.InvariantCulture)) == true ? first
            : responses?.ContainsKey(second.ToString(CultureInfo.InvariantCulture)) == true ? second
            : fallback;
    }

    private EmulatorResponse Respond(Exchange exchange, int status, JsonObject? response, JsonNode? body) =>
        Respond(exchange, status, response, body is null ? null : Utf8(body));

    private EmulatorResponse Respond(Exchange exchange, int status, JsonObject? response, byte[]? content)
    {
        if (response?["headers"] is not JsonObject { Count: > 0 } declared)
        {
            return EmulatorResponse.FromUtf8(status, content is null ? [] : JsonContentType, content);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, JsonNode?> header in declared)
        {
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A header whose example is a UUID (a request id) gets a fresh one each time; else its example or generated data.
            JsonObject? definition = _model.Schemas.Resolve(header.Value);
            JsonNode? example = definition?["example"] ?? _model.Schemas.Resolve(definition?["schema"])?["example"];
            JsonNode? value = Json.AsString(example) is { } exampleText && Guid.TryParseExact(exampleText, "D", out _)
                ? JsonValue.Create(NewGuid().ToString("D"))
                : example?.DeepClone() ?? _generator.Generate(definition?["schema"], header.Key);
            if (value is not null)
            {
                headers.Add(new(header.Key, Json.Text(value)));
            }
        }

        if (content is not null)
        {
            headers.Add(new("Content-Type", "application/json"));
        }

        return EmulatorResponse.FromUtf8(status, headers, content);
    }
}
