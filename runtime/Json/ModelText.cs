using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>Builds the <c>ToString()</c> text of a generated model: <c>Name { A = 1, B = "x", Password = *** }</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ModelText
{
    private readonly StringBuilder _builder;
    private bool _any;

    /// <summary>Starts the text for a model called <paramref name="typeName"/>.</summary>
    public ModelText(string typeName)
    {
        _builder = new StringBuilder(typeName).Append(" {");
        _any = false;
    }

    /// <summary>Adds a property and its value.</summary>
    public void Add(string name, object? value)
    {
        Separator();
        _builder.Append(name).Append(" = ");
        Append(_builder, value);
    }

    /// <summary>Adds a property whose value must not be shown.</summary>
    public void AddSecret(string name)
    {
        Separator();
        _builder.Append(name).Append(" = ***");
    }

    /// <summary>Finishes the text with the members the model did not know.</summary>
    public string ToString(IDictionary<string, JsonElement>? additionalProperties)
    {
        if (additionalProperties is not null)
        {
            foreach (KeyValuePair<string, JsonElement> pair in additionalProperties)
            {
                Separator();
                _builder.Append('"').Append(pair.Key).Append("\" = ").Append(pair.Value.GetRawText());
            }
        }

        return _builder.Append(_any ? " }" : "}").ToString();
    }

    private void Separator()
    {
        _builder.Append(_any ? ", " : " ");
        _any = true;
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('"').Append(text).Append('"');
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case JsonElement element:
                builder.Append(element.ValueKind == JsonValueKind.Undefined ? "undefined" : element.GetRawText());
                break;
            case IDictionary map:
                builder.Append('{');
                bool firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    builder.Append(firstEntry ? " " : ", ").Append(entry.Key).Append(" = ");
                    Append(builder, entry.Value);
                    firstEntry = false;
                }

                builder.Append(firstEntry ? "}" : " }");
                break;
            case IEnumerable list:
                builder.Append('[');
                bool first = true;
                foreach (object? item in list)
                {
                    builder.Append(first ? "" : ", ");
                    Append(builder, item);
                    first = false;
                }

                builder.Append(']');
                break;
            case System.IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }
}
