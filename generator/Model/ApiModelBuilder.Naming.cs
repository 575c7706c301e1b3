using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>C# names for types and members: from the spec's title, unique within a scope, stable as the spec grows.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>"Telnyx SIP API (subset …)" → "Telnyx SIP": the words before any parenthesis, without a trailing "API".</summary>
    private static string TitleName(string? title)
    {
        string text = title ?? "Api";
        int paren = text.IndexOf('(');
        if (paren > 0)
        {
            text = text.Substring(0, paren);
        }

        string[] words = text.Split(new[] { ' ', '\t', '-', '_' }, StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => char.IsLetterOrDigit(w[0])).ToList();
        while (kept.Count > 1 && (kept[kept.Count - 1].Equals("API", StringComparison.OrdinalIgnoreCase) ||
                                  kept[kept.Count - 1].Equals("Client", StringComparison.OrdinalIgnoreCase)))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return kept.Count == 0 ? "Api" : string.Join(" ", kept);
    }

    private static string NamespaceFromTitle(string name) =>
        string.Join(".", name.Split(' ').Select(w => Naming.Identifier(w)).Where(w => w.Length > 0));

    /// <summary>Type references are written <c>global::</c>-qualified, so that a property can share a type's name.</summary>
    private string Qualified(string name) => $"global::{_namespace}.{name}";

    /// <summary>
    /// Reserves a C# type name. A name already taken gets a suffix derived from <paramref name="source"/> (the spec
    /// name it comes from) rather than a counter, so that it stays the same when the spec gains other names; the
    /// collision is reported at <paramref name="node"/>.
    /// </summary>
    private string ReserveTypeName(string name, SpecNode? node = null, string? source = null)
    {
        CheckTypeBudget(node);
        if (Naming.IsReservedTypeName(name))
        {
            name += "Type";
        }

        if (_typeNames.Add(name))
        {
            return name;
        }

        string candidate = name + "_" + Naming.ShortHash(source ?? name);
        while (!_typeNames.Add(candidate))
        {
            candidate += "_"; // two sources whose hashes collide as well: vanishingly rare
        }

        if (node is not null)
        {
            Report(DiagnosticDescriptors.NameCollision, node, source ?? name, name, candidate);
        }

        return candidate;
    }

    /// <summary>
    /// A member name unique within its type. A name the type itself uses (its own name, its methods) gets a
    /// <c>Value</c> suffix; two spec names that become one identifier: the later one gets a suffix derived from its
    /// spec name, never a counter, so that names do not shift when the spec gains members.
    /// </summary>
    private static string UniqueMemberName(string name, string typeName, HashSet<string> taken, string source)
    {
        if (name == typeName || Naming.ReservedMemberNames.Contains(name))
        {
            name += "Value";
        }

        if (taken.Add(name))
        {
            return name;
        }

        string candidate = name + "_" + Naming.ShortHash(source);
        while (!taken.Add(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }

    /// <summary>
    /// A member's name before it is made unique: a dotted wire name (<c>outbound.outbound_voice_profile_id</c>) joined
    /// without repeated words (<see cref="Naming.MemberIdentifier"/>), unless a sibling's wire name already means that
    /// name (<c>outbound_voice_profile_id</c>): then the words stay, so that neither member depends on the other's order.
    /// </summary>
    private static string MemberName(string wireName, IEnumerable<string> siblingWireNames)
    {
        string joined = Naming.MemberIdentifier(wireName);
        string plain = Naming.Identifier(wireName);
        return joined != plain && siblingWireNames.Any(s => s != wireName && Naming.Identifier(s) == joined) ? plain : joined;
    }
}
