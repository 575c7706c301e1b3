using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Telnyx.Sip.Emulator.Spec;

namespace Telnyx.Sip.Emulator;

public sealed partial class ApiEmulator
{
    /// <summary>Remembers, per status, the first error response the spec declares anywhere, for statuses an operation does not declare.</summary>
    private void CollectErrorShapes()
    {
        foreach (Operation operation in _model.Operations)
        {
            if (operation.Node["responses"] is not JsonObject responses)
            {
                continue;
            }

            foreach (KeyValuePair<string, JsonNode?> entry in responses)
            {
                if (int.TryParse(entry.Key, out int status) && status >= 400 && _model.Schemas.Resolve(entry.Value) is { } response &&
                    ResponseShape.JsonMedia(_model.Schemas, response) is { } media && media["schema"] is { } schema)
                {
                    (JsonNode?, JsonNode?) shape = (schema, FirstExample(media));
                    _errorShapes.TryAdd(status, shape);
                    _errorShapes.TryAdd(0, shape);
                }
            }
        }
    }

    private JsonNode? FirstExample(JsonObject media) =>
        media["example"] ?? (media["examples"] as JsonObject)?.Select(e => _model.Schemas.Resolve(e.Value)?["value"]).FirstOrDefault(v => v is not null);

    private EmulatorResponse FaultResponse(Exchange exchange, Fault fault)
    {
        Route(exchange); // for the journal's operation id, and the operation's own error responses
        EmulatorResponse response = Error(exchange, fault.StatusCode, Title(fault.StatusCode), [new Problem("/", "Injected by the emulator's fault injector.")]);
        if (fault.RetryAfter is { } retryAfter)
        {
            var headers = response.Headers.ToList();
            headers.Add(new("Retry-After", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
            response = response with { Headers = headers };
        }

        return response;
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Authentication failed",
        403 => "Forbidden",
        404 => "Resource not found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    /// <summary>
    /// An error in the spec's shape for this status: the operation's own response, else the first the spec declares
    /// for the status, else any error response it declares, else RFC 9457 problem details. One entry per problem
    /// when the shape holds a list of errors.
    /// </summary>
    private EmulatorResponse Error(Exchange exchange, int status, string title, IReadOnlyList<Problem> problems)
    {
        JsonObject? response = null;
        JsonNode? schema = null, example = null;
        if (exchange.Operation?.Node["responses"] is JsonObject responses &&
            _model.Schemas.Resolve(responses[status.ToString(CultureInfo.InvariantCulture)]) is { } declared)
        {
            response = declared;
            if (ResponseShape.JsonMedia(_model.Schemas, declared) is { } media)
            {
                schema = media["schema"];
                example = FirstExample(media);
            }
        }

        if (schema is null && (_errorShapes.TryGetValue(status, out var shape) || _errorShapes.TryGetValue(0, out shape)))
        {
            (schema, example) = shape;
        }

        JsonNode body = schema is null
            ? new JsonObject
            {
                ["title"] = title,
                ["status"] = status,
                ["detail"] = string.Join(" ", problems.Select(Describe)),
            }
            : ErrorBody(schema, example, status, title, problems);
        return Respond(exchange, status, response, body);
    }

    private static string Describe(Problem problem) =>
        problem.Parameter is { } parameter ? $"The parameter {parameter} {problem.Detail}."
        : problem.Pointer is "/" or "" ? problem.Detail
        : $"The member {problem.Pointer} {problem.Detail}.";

    private JsonNode ErrorBody(JsonNode schemaNode, JsonNode? example, int status, string title, IReadOnlyList<Problem> problems)
    {
        Schemas schemas = _model.Schemas;
        JsonObject? schema = schemas.Resolve(schemaNode);
        foreach (KeyValuePair<string, JsonNode?> member in schemas.Properties(schema))
        {
            JsonObject? list = schemas.Resolve(member.Value);
            if (list is not null && schemas.Types(list).Contains("array") && schemas.Types(schemas.Resolve(list["items"]) ?? []).Contains("object"))
            {
                JsonObject body = example is JsonObject whole && _validator.IsValid(whole, schema) ? (JsonObject)whole.DeepClone() : _generator.Generate(schema) as JsonObject ?? [];
                JsonNode? template = (example as JsonObject)?[member.Key] is JsonArray { Count: > 0 } examples ? examples[0] : null;
                body[member.Key] = new JsonArray(problems.Select(p => (JsonNode?)ErrorObject(list["items"], template, status, title, p)).ToArray());
                return body;
            }
        }

        return ErrorObject(schemaNode, example, status, title, problems.Count > 0 ? problems[0] : new Problem("/", title));
    }

    /// <summary>One error: the spec's example (or generated data) with its title, detail, code, status and source filled by their conventional names.</summary>
    private JsonObject ErrorObject(JsonNode? schemaNode, JsonNode? template, int status, string title, Problem problem)
    {
        Schemas schemas = _model.Schemas;
        JsonObject? schema = schemas.Resolve(schemaNode);
        JsonObject error = template is JsonObject given && _validator.IsValid(given, schema) ? (JsonObject)given.DeepClone() : _generator.Generate(schema) as JsonObject ?? [];
        foreach (KeyValuePair<string, JsonNode?> property in schemas.Properties(schema))
        {
            bool isString = schemas.Types(schemas.Resolve(property.Value) ?? []).Contains("string");
            switch (property.Key)
            {
                case "title" or "message" when isString:
                    error[property.Key] = title;
                    break;
                case "detail" or "description" when isString:
                    error[property.Key] = Describe(problem);
                    break;
                case "status" or "code" when !isString && schemas.Types(schemas.Resolve(property.Value) ?? []).Contains("integer"):
                    error[property.Key] = status;
                    break;
                case "status":
                    error[property.Key] = status.ToString(CultureInfo.InvariantCulture);
                    break;
                case "code" when template is null:
                    error[property.Key] = status.ToString(CultureInfo.InvariantCulture);
                    break;
                case "source" or "location":
                    var source = new JsonObject();
                    bool hasPointer = schemas.Property(property.Value, "pointer") is not null;
                    bool hasParameter = schemas.Property(property.Value, "parameter") is not null;
                    if (problem.Parameter is not null && hasParameter)
                    {
                        source["parameter"] = problem.Parameter;
                    }
                    else if (hasPointer)
                    {
                        source["pointer"] = problem.Parameter is null ? problem.Pointer : "/";
                    }

                    if (source.Count > 0)
                    {
                        error[property.Key] = source;
                    }
                    else
                    {
                        error.Remove(property.Key);
                    }

                    break;
            }
        }

        return error;
    }
}
