using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>The top-level <c>webhooks</c> (OpenAPI 3.1): one event union over their payloads, and their signature scheme.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>The headers Telnyx signs its webhooks with: an Ed25519 signature of <c>{timestamp}|{body}</c>. See docs/webhooks.md.</summary>
    private const string Ed25519SignatureHeader = "telnyx-signature-ed25519";
    private const string Ed25519TimestampHeader = "telnyx-timestamp";

    /// <summary>The Standard Webhooks headers (standardwebhooks.com), also what <c>x-webhook-equivalent</c> names.</summary>
    private const string StandardSignature = "webhook-signature";
    private const string StandardTimestamp = "webhook-timestamp";
    private const string StandardId = "webhook-id";

    /// <summary>Joins the members of a path to a nested constant; a character no sane member name has.</summary>
    private const string PathSeparator = "\u001f";

    private sealed record WebhookHeaders(WebhookSchemeKind Kind, string? Signature, string? Timestamp, string? Id, string? KeyVariable);

    private WebhooksSpec? BuildWebhooks()
    {
        SpecNode? webhooks = SpecDocument.Get(_document.Root, "webhooks");
        if (webhooks is null)
        {
            return null;
        }

        var payloads = new List<(SpecNode Schema, string Webhook)>();
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        var names = new List<string>();
        WebhookHeaders? scheme = null;
        string[] tags = Split(_input.IncludeTags);
        string[] prefixes = Split(_input.IncludePaths);
        foreach (var webhook in SpecDocument.Members(webhooks))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            SpecNode pathItem = Deref(webhook.Value) ?? webhook.Value;
            foreach (var member in SpecDocument.Members(pathItem))
            {
                if (Array.IndexOf(HttpMethods, member.Key.ToLowerInvariant()) < 0 || member.Value is not SpecMap operation)
                {
                    continue;
                }

                // With OpenApiIncludeTags/OpenApiIncludePaths, a webhook is generated when one of its tags is included.
                if ((tags.Length > 0 || prefixes.Length > 0) &&
                    !(SpecDocument.GetSequence(operation, "tags")?.Children.Any(t => tags.Contains(SpecDocument.ScalarText(t))) ?? false))
                {
                    continue;
                }

                names.Add(webhook.Key);
                WebhookHeaders headers = ReadWebhookHeaders(pathItem, operation);
                if (scheme is null)
                {
                    scheme = headers;
                }
                else if (headers.Kind != scheme.Kind || headers.Signature != scheme.Signature)
                {
                    Report(DiagnosticDescriptors.MixedWebhookSchemes, SpecDocument.Get(operation, "parameters") ?? operation, webhook.Key,
                        Describe(headers), Describe(scheme));
                }

                SpecNode? body = Deref(SpecDocument.Get(operation, "requestBody"));
                SpecNode? schema = SpecDocument.Get(JsonMedia(SpecDocument.Get(body, "content")), "schema");
                if (schema is null)
                {
                    Report(DiagnosticDescriptors.WebhookWithoutPayload, operation, webhook.Key);
                    continue;
                }

                if (seen.Add(Deref(schema) ?? schema))
                {
                    payloads.Add((schema, webhook.Key));
                }
            }
        }

        if (scheme is null)
        {
            return null; // an empty `webhooks` map: nothing to receive
        }

        if (scheme.Kind == WebhookSchemeKind.None)
        {
            Report(DiagnosticDescriptors.UnknownWebhookScheme, webhooks, FileName(_input));
        }

        TypeRef eventType = BuildEventUnion(payloads);
        return new WebhooksSpec(eventType, scheme.Kind, scheme.Signature, scheme.Timestamp, scheme.Id,
            _input.WebhookKeyVariable ?? scheme.KeyVariable, names.ToEquatableArray());

        static string Describe(WebhookHeaders headers) => headers.Kind switch
        {
            WebhookSchemeKind.Ed25519TimestampPipe => "Telnyx's Ed25519 headers",
            WebhookSchemeKind.StandardWebhooks => "the Standard Webhooks headers",
            _ => "no signature scheme the runtime knows",
        };
    }

    /// <summary>
    /// The scheme a webhook's header parameters declare. A header counts as the Standard Webhooks one by its name or by
    /// <c>x-webhook-equivalent</c>; the scheme is Standard Webhooks when the signature header is <c>webhook-signature</c>
    /// itself, and Telnyx's Ed25519 scheme when the headers are Telnyx's.
    /// </summary>
    private WebhookHeaders ReadWebhookHeaders(SpecNode pathItem, SpecNode operation)
    {
        string? signature = null, timestamp = null, id = null, keyVariable = null;
        foreach (SpecNode? source in new[] { SpecDocument.Get(pathItem, "parameters"), SpecDocument.Get(operation, "parameters") })
        {
            foreach (SpecNode item in (source as SpecSequence)?.Children ?? Enumerable.Empty<SpecNode>())
            {
                SpecNode? parameter = Deref(item);
                if (SpecDocument.GetString(parameter, "in") != "header" || SpecDocument.GetString(parameter, "name") is not { } name)
                {
                    continue;
                }

                string role = (SpecDocument.GetString(parameter, "x-webhook-equivalent") ?? name).ToLowerInvariant();
                switch (role)
                {
                    case StandardSignature:
                        signature = name;
                        keyVariable = SpecDocument.GetString(parameter, "x-env") is { Length: > 0 } variable && variable.All(c => char.IsLetterOrDigit(c) || c == '_')
                            ? variable
                            : null;
                        break;
                    case StandardTimestamp:
                        timestamp = name;
                        break;
                    case StandardId:
                        id = name;
                        break;
                }
            }
        }

        WebhookSchemeKind kind =
            string.Equals(signature, StandardSignature, StringComparison.OrdinalIgnoreCase) && timestamp is not null && id is not null ? WebhookSchemeKind.StandardWebhooks
            : string.Equals(signature, Ed25519SignatureHeader, StringComparison.OrdinalIgnoreCase) &&
              string.Equals(timestamp, Ed25519TimestampHeader, StringComparison.OrdinalIgnoreCase) ? WebhookSchemeKind.Ed25519TimestampPipe
            : WebhookSchemeKind.None;
        return new WebhookHeaders(kind, signature, timestamp, id, keyVariable);
    }

    /// <summary>
    /// One union over the payloads, matched as oneOf unions are: by a discriminator when the payloads have one (a member,
    /// possibly inside an object member such as <c>data.event_type</c>, whose <c>const</c> or <c>enum</c> values differ
    /// between payloads), else by shape. A payload without such values matches only JSON whose discriminator no other
    /// payload claims. An event no variant matches is kept as its JSON.
    /// </summary>
    private TypeRef BuildEventUnion(List<(SpecNode Schema, string Webhook)> payloads)
    {
        string name = ReserveMadeUpName("WebhookEvent", () => string.Join(",", payloads.Select(p => p.Webhook)));
        var type = new TypeRef(TypeKind.Model, Qualified(name));
        var constants = payloads.Select(p => ConstantMembers(Deref(p.Schema))).ToList();
        string[] path = ChooseDiscriminatorPath(constants);
        string key = string.Join(PathSeparator, path);

        var memberNames = new HashSet<string>(StringComparer.Ordinal);
        var variants = new List<VariantSpec>();
        for (int i = 0; i < payloads.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            (SpecNode schema, string webhook) = payloads[i];
            SpecNode? resolved = Deref(schema);
            TypeRef variantType = ResolveType(schema, Naming.Identifier(webhook, "Webhook") + "Event");
            string variantName = UniqueMemberName(VariantName(variantType, SpecDocument.GetString(resolved, "title")), name, memberNames, webhook);
            string[] values = path.Length > 0 && constants[i].TryGetValue(key, out string[]? found) ? found : Array.Empty<string>();

            // Told by shape: its required members, else every member it declares (an event with none required would
            // otherwise match any JSON object).
            var required = SpecDocument.GetSequence(resolved, "required")?.Children.Select(SpecDocument.ScalarText).OfType<string>().ToList() ?? new List<string>();
            if (required.Count == 0)
            {
                required.AddRange(SpecDocument.Members(SpecDocument.Get(resolved, "properties")).Select(m => m.Key));
            }

            variants.Add(new VariantSpec(variantName, variantType, values.ToEquatableArray(), required.ToEquatableArray()));
        }

        _models.Add(new ModelSpec
        {
            Name = name,
            Kind = ModelKind.Union,
            Doc = new DocSpec("An event the API sends to a webhook: one of the payloads of the spec's webhooks, or the JSON of an event it does not list.",
                EquatableArray<string>.Empty),
            Properties = EquatableArray<PropertySpec>.Empty,
            Variants = variants.ToEquatableArray(),
            DiscriminatorPath = path.ToEquatableArray(),
        });
        return type;
    }

    /// <summary>
    /// The members of a payload with constant values (a <c>const</c>, or an <c>enum</c> of strings), by path
    /// (<c>event_type</c>, <c>data␟event_type</c>): two levels deep.
    /// </summary>
    private Dictionary<string, string[]> ConstantMembers(SpecNode? schema)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var outer in SpecDocument.Members(SpecDocument.Get(schema, "properties")))
        {
            SpecNode? member = Deref(outer.Value);
            if (Constants(member) is { } values)
            {
                result[outer.Key] = values;
                continue;
            }

            foreach (var inner in SpecDocument.Members(SpecDocument.Get(member, "properties")))
            {
                if (Constants(Deref(inner.Value)) is { } nested)
                {
                    result[outer.Key + PathSeparator + inner.Key] = nested;
                }
            }
        }

        return result;

        static string[]? Constants(SpecNode? member)
        {
            if (SpecDocument.GetString(member, "const") is { } constant)
            {
                return new[] { constant };
            }

            var values = SpecDocument.GetSequence(member, "enum")?.Children.Select(SpecDocument.ScalarText).ToList();
            return values is { Count: > 0 } && values.All(v => v is not null) ? values.OfType<string>().Distinct(StringComparer.Ordinal).ToArray() : null;
        }
    }

    /// <summary>The path whose values tell the most payloads apart (no value claimed by two; at least two payloads); none when no path does.</summary>
    private static string[] ChooseDiscriminatorPath(List<Dictionary<string, string[]>> constants)
    {
        string? best = null;
        int bestCount = 1;
        foreach (string path in constants.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal).OrderBy(p => p.Count(c => c == PathSeparator[0])).ThenBy(p => p, StringComparer.Ordinal))
        {
            var sets = constants.Where(c => c.ContainsKey(path)).Select(c => c[path]).ToList();
            int values = sets.Sum(set => set.Length);
            if (sets.SelectMany(set => set).Distinct(StringComparer.Ordinal).Count() == values && sets.Count > bestCount)
            {
                best = path;
                bestCount = sets.Count;
            }
        }

        return best?.Split(PathSeparator[0]) ?? Array.Empty<string>();
    }
}
