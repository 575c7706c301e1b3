using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Telnyx.Sip.Emulator.Spec;

namespace Telnyx.Sip.Emulator;

/// <summary>
/// Streamed responses (server-sent events, JSON Lines, NDJSON, JSON text sequences): answered with a valid stream of
/// one item generated from the item schema, framed as the media type says, so that a client's stream method reads it.
/// </summary>
public sealed partial class ApiEmulator
{
    /// <summary>
    /// The one-item stream for an operation whose success response is sequential, when the request asks for it (its
    /// <c>Accept</c> names the media type) or the operation has no JSON answer; null to answer as usual.
    /// </summary>
    private EmulatorResponse? Streamed(Exchange exchange, Operation operation)
    {
        ResponseShape? success = Success(operation);
        if (success?.Response["content"] is not JsonObject content)
        {
            return null;
        }

        operation.SequentialMedia ??= content
            .Select(media => (Type: media.Key.Split(';')[0].Trim().ToLowerInvariant(), Media: media.Value))
            .Where(media => media.Type is "text/event-stream" or "application/jsonl" or "application/x-ndjson" or "application/x-jsonlines" or "application/json-seq")
            .ToArray();
        if (operation.SequentialMedia.Length == 0)
        {
            return null;
        }

        string accept = exchange.Request.Headers.TryGetValue("Accept", out string? value) ? value.ToLowerInvariant() : "";
        foreach ((string type, JsonNode? mediaNode) in operation.SequentialMedia)
        {

            if (success.MediaType is not null && !accept.Contains(type, StringComparison.Ordinal))
            {
                return null; // The operation answers JSON too, and JSON is what was asked for.
            }

            JsonObject? declared = _model.Schemas.Resolve(mediaNode);
            JsonNode? itemSchema = declared?["itemSchema"] ?? declared?["schema"];
            string? eventType = null;
            if (type == "text/event-stream" && _model.Schemas.Resolve(itemSchema) is { } eventSchema &&
                eventSchema["properties"] is JsonObject properties && properties["data"] is { } data)
            {
                // OpenAPI 3.2's event object: the item is the data's contentSchema; the event type its const or first enum value.
                itemSchema = _model.Schemas.Resolve(data)?["contentSchema"];
                JsonObject? eventProperty = _model.Schemas.Resolve(properties["event"]);
                eventType = Json.AsString(eventProperty?["const"]) ?? (eventProperty?["enum"] as JsonArray)?.Select(Json.AsString).FirstOrDefault(e => e is not null);
            }

            string item = itemSchema is null ? "" : _generator.Generate(itemSchema, "item")?.ToJsonString() ?? "";
            string body = item.Length == 0 ? "" : type switch
            {
                "text/event-stream" => (eventType is null ? "" : $"event: {eventType}\n") + $"data: {item}\n\n",
                "application/json-seq" => "\u001e" + item + "\n",
                _ => item + "\n",
            };
            return new EmulatorResponse(success.Status, [new("Content-Type", type)], body);
        }

        return null;
    }
}
