using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>
/// OpenAPI 3.2 tag nesting: a tag with a <c>parent</c> makes its operations a resource under its parent's
/// (<c>client.Parent.Child</c>), and a tag's <c>summary</c> documents its resource client.
/// </summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>A navigation tag of a 3.2 hierarchy: its chain of names from the root tag down, and its docs.</summary>
    private sealed record TagInfo(string Name, IReadOnlyList<string> Chain, DocSpec Doc);

    /// <summary>Navigation tags in a hierarchy (with a parent, or the parent of one), by name; empty before 3.2.</summary>
    private Dictionary<string, TagInfo> _tagHierarchy = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the document's tags. Only navigation tags nest (no <c>kind</c>, or <c>kind: nav</c>); other kinds
    /// (<c>badge</c>, <c>audience</c>, …) label operations and do not group them. A parent that is not declared, not a
    /// navigation tag, or that leads back to the tag, is reported (TSG017) and the tag is not nested under it.
    /// </summary>
    private void ReadTagHierarchy()
    {
        if (!_openApi32 || SpecDocument.GetSequence(_document.Root, "tags") is not { } tags)
        {
            return;
        }

        var declared = new Dictionary<string, SpecNode>(StringComparer.Ordinal);
        foreach (SpecNode tag in tags.Children)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (SpecDocument.GetString(tag, "name") is { } name && !declared.ContainsKey(name))
            {
                declared[name] = tag;
            }
        }

        // The parent each tag nests under, once checked.
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in declared)
        {
            if (!IsNavigation(entry.Value) || SpecDocument.GetString(entry.Value, "parent") is not { } parent)
            {
                continue;
            }

            SpecNode at = SpecDocument.Get(entry.Value, "parent")!;
            if (!declared.TryGetValue(parent, out SpecNode? parentTag))
            {
                Report(DiagnosticDescriptors.InvalidTagParent, at, entry.Key, parent, "no tag of that name is declared");
            }
            else if (!IsNavigation(parentTag))
            {
                Report(DiagnosticDescriptors.InvalidTagParent, at, entry.Key, parent, $"that tag's kind is '{SpecDocument.GetString(parentTag, "kind")}', not 'nav'");
            }
            else if (LeadsBack(entry.Key, parent))
            {
                Report(DiagnosticDescriptors.InvalidTagParent, at, entry.Key, parent, "the parents lead back to this tag (a cycle)");
            }
            else
            {
                parents[entry.Key] = parent;
            }
        }

        var inHierarchy = new HashSet<string>(parents.Keys.Concat(parents.Values), StringComparer.Ordinal);
        foreach (string name in inHierarchy)
        {
            var chain = new List<string> { name };
            // Bounded: the parents form no cycle (checked above) and there are no more of them than tags.
            for (string current = name; parents.TryGetValue(current, out string? parent) && chain.Count <= declared.Count; current = parent)
            {
                chain.Insert(0, parent);
            }

            SpecNode tag = declared[name];
            string? summary = Text(tag, "summary");
            string? description = Text(tag, "description");
            var doc = new DocSpec(summary ?? description,
                summary is not null && description is not null ? new[] { description }.ToEquatableArray() : EquatableArray<string>.Empty);
            _tagHierarchy[name] = new TagInfo(name, chain, doc);
        }

        bool LeadsBack(string tag, string parent)
        {
            string? current = parent;
            for (int steps = 0; current is not null && steps <= declared.Count; steps++)
            {
                if (current == tag)
                {
                    return true;
                }

                current = declared.TryGetValue(current, out SpecNode? node) && IsNavigation(node) ? SpecDocument.GetString(node, "parent") : null;
            }

            return current is not null; // longer than the list of tags: a cycle above this tag
        }

        static bool IsNavigation(SpecNode tag) => SpecDocument.GetString(tag, "kind") is null or "nav";
    }

    /// <summary>The hierarchy tag an operation is grouped by: its first tag that is in a 3.2 tag hierarchy; null for none.</summary>
    private TagInfo? GroupingTag(SpecNode operation)
    {
        if (_tagHierarchy.Count == 0)
        {
            return null;
        }

        foreach (SpecNode tag in SpecDocument.GetSequence(operation, "tags")?.Children ?? Enumerable.Empty<SpecNode>())
        {
            if (SpecDocument.ScalarText(tag) is { } name && _tagHierarchy.TryGetValue(name, out TagInfo? info))
            {
                return info;
            }
        }

        return null;
    }

    /// <summary>
    /// Reports the OpenAPI 3.2 fields that change what is sent or read but are not generated yet (TSG100), at their
    /// position, so that none is dropped in silence: a discriminator's <c>defaultMapping</c>, and a media type's
    /// <c>itemEncoding</c> / <c>prefixEncoding</c>. Bounded like every walk over the document, and cancellable.
    /// </summary>
    private void ReportUnsupported32()
    {
        if (!_openApi32)
        {
            return;
        }

        var pending = new Stack<(SpecNode Node, string? Key, string? ParentKey)>();
        pending.Push((_document.Root, null, null));
        int visited = 0;
        while (pending.Count > 0)
        {
            if (++visited % SpecBudgets.CancellationInterval == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var (node, key, parentKey) = pending.Pop();
            if (node is SpecSequence sequence)
            {
                foreach (SpecNode child in sequence.Children)
                {
                    pending.Push((child, null, key));
                }

                continue;
            }

            if (node is not SpecMap map)
            {
                continue;
            }

            foreach (var member in map.Members)
            {
                // Keys of a properties, examples or extension map are names, not fields.
                bool isField = key is not ("properties" or "examples" or "example" or "patternProperties" or "$defs" or "definitions") &&
                               !(key?.StartsWith("x-", StringComparison.Ordinal) ?? false);
                if (isField && member.Key == "defaultMapping" && key == "discriminator")
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, member.Value,
                        "The discriminator's 'defaultMapping' (OpenAPI 3.2) is not generated",
                        "a value its mapping does not name matches no variant: the union keeps the JSON as it came");
                }
                else if (isField && member.Key is "itemEncoding" or "prefixEncoding" && parentKey == "content")
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, member.Value,
                        $"The media type's '{member.Key}' (OpenAPI 3.2) is not generated",
                        "build the body's parts with MultipartBody as the API expects them");
                }

                if (member.Key is not ("example" or "examples" or "$ref") && !member.Key.StartsWith("x-", StringComparison.Ordinal))
                {
                    pending.Push((member.Value, member.Key, key));
                }
            }
        }
    }
}
