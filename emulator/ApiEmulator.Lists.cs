using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Telnyx.Sip.Emulator.Spec;

namespace Telnyx.Sip.Emulator;

public sealed partial class ApiEmulator
{
    /// <summary>One query value the spec declares, typed by its schema: <c>filter[connection_name][contains]</c> has Path [connection_name, contains].</summary>
    private sealed record ParameterValue(string Name, string Key, string[] Path, JsonNode? Value, bool DeepObject);

    private List<Problem> ValidateParameters(Exchange exchange)
    {
        var problems = new List<Problem>();
        var typed = new List<ParameterValue>();
        foreach (JsonObject parameter in exchange.Operation!.Parameters.Where(p => Schemas.String(p, "in") == "query"))
        {
            string name = Schemas.String(parameter, "name") ?? "";
            JsonObject? schema = _model.Schemas.Resolve(parameter["schema"]);
            bool deep = Schemas.String(parameter, "style") == "deepObject" ||
                        (schema is not null && _model.Schemas.Types(schema).Contains("object"));
            bool present = false;
            foreach (KeyValuePair<string, string> entry in exchange.Query)
            {
                if (deep && entry.Key.StartsWith(name + "[", StringComparison.Ordinal) && entry.Key.EndsWith(']'))
                {
                    present = true;
                    string[] path = entry.Key[(name.Length + 1)..^1].Split("][");
                    JsonNode? leaf = schema;
                    foreach (string segment in path)
                    {
                        leaf = _model.Schemas.Property(leaf, segment);
                    }

                    if (leaf is null)
                    {
                        continue; // Not declared: ignored, as servers do with unknown filters.
                    }

                    if (Coerce(entry.Value, leaf, entry.Key, problems) is { } value)
                    {
                        typed.Add(new ParameterValue(name, entry.Key, path, value, true));
                    }
                }
                else if (!deep && (entry.Key == name || entry.Key == name + "[]"))
                {
                    present = true;
                    if (Coerce(entry.Value, schema, entry.Key, problems) is { } value)
                    {
                        typed.Add(new ParameterValue(name, entry.Key, [], value, false));
                    }
                }
            }

            if (!present && Schemas.Bool(parameter, "required"))
            {
                problems.Add(new Problem("/", "is required", name));
            }
        }

        exchange.Parameters = typed;
        return problems;
    }

    private JsonNode? Coerce(string text, JsonNode? schemaNode, string key, List<Problem> problems)
    {
        JsonObject? schema = _model.Schemas.Resolve(schemaNode);
        if (schema is null)
        {
            return JsonValue.Create(text);
        }

        string? type = _model.Schemas.Types(schema).FirstOrDefault();
        JsonNode? value;
        switch (type)
        {
            case "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer):
                value = JsonValue.Create(integer);
                break;
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number):
                value = JsonValue.Create(number);
                break;
            case "boolean" when text is "true" or "false":
                value = JsonValue.Create(text == "true");
                break;
            case "integer" or "number" or "boolean":
                problems.Add(new Problem("/", $"must be {(type == "integer" ? "an integer" : "a " + type)}", key));
                return null;
            case "array":
                var array = new JsonArray();
                foreach (string part in text.Split(','))
                {
                    if (Coerce(part, schema["items"], key, problems) is { } item)
                    {
                        array.Add(item);
                    }
                }

                value = array;
                break;
            default:
                value = JsonValue.Create(text);
                break;
        }

        foreach (Problem problem in _validator.Validate(value, schema))
        {
            problems.Add(problem with { Parameter = key });
        }

        return value;
    }

    private EmulatorResponse List(Exchange exchange, Resource resource)
    {
        List<ParameterValue> parameters = exchange.Parameters;
        ListShape shape = ListShape.From(_model.Schemas, resource.List!)!;
        IEnumerable<JsonObject> items = _stores.TryGetValue(CollectionKey(resource, exchange), out Store? store) ? store.Items : [];
        IReadOnlyList<KeyValuePair<string, JsonNode?>> itemProperties = _model.Schemas.Properties(resource.ItemSchema);

        // Filters: deepObject parameters other than paging, and plain parameters named after a member of the item.
        foreach (ParameterValue parameter in parameters)
        {
            if (IsPagingParameter(parameter) || IsSortParameter(parameter.Name))
            {
                continue;
            }

            string field;
            string op = "eq";
            if (parameter.DeepObject)
            {
                bool lastIsOperator = parameter.Path.Length > 1 && TextOperators.Contains(parameter.Path[^1]);
                op = lastIsOperator ? parameter.Path[^1] : "eq";
                field = string.Join('.', lastIsOperator ? parameter.Path.Take(parameter.Path.Length - 1) : parameter.Path);
            }
            else if (itemProperties.Any(p => p.Key == parameter.Name))
            {
                field = parameter.Name;
            }
            else
            {
                continue;
            }

            JsonNode? wanted = parameter.Value;
            items = items.Where(item => Matches(item, field, op, wanted)).ToList();
        }

        // Sort: the sort parameter, else its default; '-' for descending; several fields separated by commas.
        JsonObject? sortParameter = exchange.Operation!.Parameters.FirstOrDefault(p => Schemas.String(p, "in") == "query" && IsSortParameter(Schemas.String(p, "name") ?? ""));
        string? sort = parameters.FirstOrDefault(p => IsSortParameter(p.Name))?.Value is { } given
            ? Json.Text(given)
            : Json.AsString(_model.Schemas.Resolve(sortParameter?["schema"])?["default"]);
        List<JsonObject> ordered = items.ToList();
        if (!string.IsNullOrEmpty(sort))
        {
            foreach (string rawField in Enumerable.Reverse(sort!.Split(','))) // not empty, checked above
            {
                bool descending = rawField.StartsWith('-');
                string field = rawField.TrimStart('-', '+');
                // A stable sort: later keys first, so the first key wins.
                ordered = (descending
                    ? ordered.OrderByDescending(i => Json.TryGetPath(i, field, out JsonNode? v) ? v : null, Comparer<JsonNode?>.Create(Json.Compare))
                    : ordered.OrderBy(i => Json.TryGetPath(i, field, out JsonNode? v) ? v : null, Comparer<JsonNode?>.Create(Json.Compare))).ToList();
            }
        }

        // Paging.
        PageNumbers numbers = Paging(exchange.Operation!, parameters, ordered.Count);
        List<JsonObject> page = ordered.Skip(numbers.Offset).Take(numbers.Size).Select(i => (JsonObject)i.DeepClone()).ToList();
        JsonNode body;
        if (shape.ItemsMember is null)
        {
            body = new JsonArray(page.ToArray<JsonNode?>());
        }
        else
        {
            var list = new JsonObject();
            foreach (KeyValuePair<string, JsonNode?> member in _model.Schemas.Properties(shape.ResponseSchema))
            {
                if (member.Key == shape.ItemsMember)
                {
                    list[member.Key] = new JsonArray(page.ToArray<JsonNode?>());
                }
                else if (PagingValue(member.Key, member.Value, numbers, 0) is { } value)
                {
                    list[member.Key] = value;
                }
            }

            body = list;
        }

        return Success(exchange, body);
    }

    private static bool IsSortParameter(string name) => name is "sort" or "sort_by" or "order_by";

    private static bool IsPagingParameter(ParameterValue parameter) =>
        parameter.DeepObject ? parameter.Name == "page" : parameter.Name is "page" or "page_number" or "offset" || PageSizeNames.Contains(parameter.Name);

    private static bool Matches(JsonObject item, string field, string op, JsonNode? wanted)
    {
        if (!Json.TryGetPath(item, field, out JsonNode? actual))
        {
            return false;
        }

        string have = Json.Text(actual), want = Json.Text(wanted);
        return op switch
        {
            "contains" => have.Contains(want, StringComparison.OrdinalIgnoreCase),
            "startswith" => have.StartsWith(want, StringComparison.OrdinalIgnoreCase),
            "endswith" => have.EndsWith(want, StringComparison.OrdinalIgnoreCase),
            "ne" => have != want,
            "gt" => Json.Compare(actual, wanted) > 0,
            "gte" => Json.Compare(actual, wanted) >= 0,
            "lt" => Json.Compare(actual, wanted) < 0,
            "lte" => Json.Compare(actual, wanted) <= 0,
            _ => have == want,
        };
    }

    private readonly record struct PageNumbers(int Number, int Size, int Offset, int Total)
    {
        public int Pages => Size <= 0 ? 1 : Math.Max(1, (Total + Size - 1) / Size);
    }

    /// <summary>Page number and size (<c>page[number]</c>, <c>page</c> with <c>per_page</c>…), or <c>offset</c> and <c>limit</c>; defaults from the spec.</summary>
    private PageNumbers Paging(Operation operation, List<ParameterValue> given, int total)
    {
        int? number = null, size = null, offset = null;
        int? defaultNumber = null, defaultSize = null;
        foreach (JsonObject parameter in operation.Parameters.Where(p => Schemas.String(p, "in") == "query"))
        {
            string name = Schemas.String(parameter, "name") ?? "";
            JsonObject? schema = _model.Schemas.Resolve(parameter["schema"]);
            if (name == "page" && schema is not null && _model.Schemas.Types(schema).Contains("object"))
            {
                foreach (KeyValuePair<string, JsonNode?> property in _model.Schemas.Properties(schema))
                {
                    int? declared = (int?)Json.AsDouble(_model.Schemas.Resolve(property.Value)?["default"]);
                    if (PageNumberNames.Contains(property.Key))
                    {
                        defaultNumber ??= declared;
                    }
                    else if (PageSizeNames.Contains(property.Key))
                    {
                        defaultSize ??= declared;
                    }
                }
            }
            else if (PageNumberNames.Contains(name))
            {
                defaultNumber ??= (int?)Json.AsDouble(schema?["default"]);
            }
            else if (PageSizeNames.Contains(name))
            {
                defaultSize ??= (int?)Json.AsDouble(schema?["default"]);
            }
        }

        foreach (ParameterValue value in given.Where(IsPagingParameter))
        {
            string part = value.DeepObject ? value.Path[0] : value.Name;
            int? amount = (int?)Math.Clamp(Json.AsDouble(value.Value) ?? 0, int.MinValue, int.MaxValue);
            if (part == "offset")
            {
                offset = amount;
            }
            else if (PageNumberNames.Contains(part))
            {
                number = amount;
            }
            else if (PageSizeNames.Contains(part))
            {
                size = amount;
            }
        }

        int pageSize = Math.Max(1, size ?? defaultSize ?? Math.Max(total, 1));
        if (offset is { } start)
        {
            start = Math.Max(0, start);
            return new PageNumbers((start / pageSize) + 1, pageSize, start, total);
        }

        int pageNumber = Math.Max(1, number ?? defaultNumber ?? 1);
        long first = (long)(pageNumber - 1) * pageSize;
        return new PageNumbers(pageNumber, pageSize, (int)Math.Min(first, int.MaxValue), total);
    }

    /// <summary>A list response's member beside the items: paging numbers by their conventional names, else generated when required.</summary>
    private JsonNode? PagingValue(string name, JsonNode? schemaNode, PageNumbers numbers, int depth)
    {
        JsonObject? schema = _model.Schemas.Resolve(schemaNode);
        int? known = name switch
        {
            "page_number" or "page" or "number" or "current_page" => numbers.Number,
            "page_size" or "per_page" or "size" or "limit" => numbers.Size,
            "total_pages" or "pages" or "page_count" or "last_page" => numbers.Pages,
            "total_results" or "total" or "total_count" or "count" or "total_items" or "total_entries" => numbers.Total,
            "offset" => numbers.Offset,
            _ => null,
        };
        if (known is { } number)
        {
            return _model.Schemas.Types(schema ?? []).Contains("string") ? JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(number);
        }

        if (schema is not null && _model.Schemas.Types(schema).Contains("object") && depth < 4)
        {
            var result = new JsonObject();
            IReadOnlyList<string> required = _model.Schemas.Required(schema);
            foreach (KeyValuePair<string, JsonNode?> property in _model.Schemas.Properties(schema))
            {
                JsonNode? value = PagingValue(property.Key, property.Value, numbers, depth + 1);
                if (value is null && required.Contains(property.Key))
                {
                    value = _generator.Generate(property.Value, property.Key);
                }

                if (value is not null)
                {
                    result[property.Key] = value;
                }
            }

            return result;
        }

        return depth == 0 ? _generator.Generate(schemaNode, name) : null;
    }
}
