using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>$ref handling: following references, naming their targets, reporting dangling ones and cycles.</summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>
    /// Checks every <c>$ref</c> in the document, also those no generated code reaches (error responses, unused
    /// components): a reference to nothing makes the spec invalid wherever it is.
    /// </summary>
    private void ReportUnresolvedReferences()
    {
        var pending = new Stack<SpecNode>();
        pending.Push(_document.Root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case SpecMap map:
                    foreach (var member in map.Members)
                    {
                        if (member.Key == "$ref" && member.Value is SpecScalar reference)
                        {
                            if (_document.Resolve(reference.Value) is null && _reportedReferences.Add(reference.Value + "@" + Line(map)))
                            {
                                Report(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value);
                            }
                            else if (IsReferenceCycle(map) && _reportedReferences.Add("cycle@" + Line(map)))
                            {
                                Report(DiagnosticDescriptors.InvalidNode, reference, $"The reference '{reference.Value}' is part of a cycle of references");
                            }
                        }
                        else if (member.Key is not ("example" or "examples"))
                        {
                            pending.Push(member.Value);
                        }
                    }

                    break;
                case SpecSequence sequence:
                    foreach (SpecNode child in sequence.Children)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }
    }

    /// <summary>Whether following <c>$ref</c>s from <paramref name="start"/> comes back to a node already seen.</summary>
    private bool IsReferenceCycle(SpecMap start)
    {
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        SpecNode? node = start;
        while (SpecDocument.GetString(node, "$ref") is { } reference)
        {
            if (!seen.Add(node!))
            {
                return true;
            }

            node = _document.Resolve(reference);
        }

        return false;
    }

    /// <summary>Follows <c>$ref</c>s to the node they point to; reports a reference that resolves to nothing.</summary>
    private SpecNode? Deref(SpecNode? node, bool report = true)
    {
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        while (SpecDocument.GetString(node, "$ref") is { } reference)
        {
            if (!seen.Add(node!))
            {
                if (report && _reportedReferences.Add("cycle@" + Line(node)))
                {
                    Report(DiagnosticDescriptors.InvalidNode, node, $"The reference '{reference}' is part of a cycle of references");
                }

                return null;
            }

            SpecNode? target = _document.Resolve(reference);
            if (target is null)
            {
                if (report && _reportedReferences.Add(reference + "@" + Line(node)))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, SpecDocument.Get(node, "$ref"), reference);
                }

                return null;
            }

            node = target;
        }

        return node;
    }

    /// <summary>The name a <c>$ref</c> gives its target (<c>#/components/schemas/Fqdn</c> → <c>Fqdn</c>).</summary>
    private static string? ReferenceName(SpecNode? node)
    {
        string? reference = SpecDocument.GetString(node, "$ref");
        if (reference is null)
        {
            return null;
        }

        int slash = reference.LastIndexOf('/');
        return Uri.UnescapeDataString(reference.Substring(slash + 1)).Replace("~1", "/").Replace("~0", "~");
    }
}
