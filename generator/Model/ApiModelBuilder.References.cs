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
        int visited = 0;
        while (pending.Count > 0)
        {
            if (++visited % SpecBudgets.CancellationInterval == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            switch (pending.Pop())
            {
                case SpecMap map:
                    foreach (var member in map.Members)
                    {
                        if (member.Key == "$ref" && member.Value is SpecScalar reference)
                        {
                            if (IsExternal(reference.Value))
                            {
                                if (_reportedReferences.Add(reference.Value + "@" + Line(map)))
                                {
                                    Report(DiagnosticDescriptors.ExternalReference, reference, reference.Value);
                                }
                            }
                            else if (_document.Resolve(reference.Value) is null && _reportedReferences.Add(reference.Value + "@" + Line(map)))
                            {
                                Report(DiagnosticDescriptors.UnresolvedReference, reference, reference.Value);
                            }
                            else if (FollowChain(map) is { } problem && _reportedReferences.Add("chain@" + Line(map)))
                            {
                                Report(problem.Descriptor, reference, problem.Arguments);
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

    /// <summary>
    /// Follows <c>$ref</c>s from <paramref name="start"/>: what is wrong with the chain (it comes back to a node already
    /// seen, or is longer than <see cref="SpecBudgets.MaxReferenceChain"/>), or null.
    /// </summary>
    private (Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor, string[] Arguments)? FollowChain(SpecMap start)
    {
        var seen = new HashSet<SpecNode>(ReferenceEqualityComparer.Instance);
        SpecNode? node = start;
        while (SpecDocument.GetString(node, "$ref") is { } reference)
        {
            if (!seen.Add(node!))
            {
                return (DiagnosticDescriptors.InvalidNode, [$"The reference '{reference}' is part of a cycle of references"]);
            }

            if (seen.Count > SpecBudgets.MaxReferenceChain)
            {
                return (DiagnosticDescriptors.ReferenceTooDeep, [ChainMessage(SpecDocument.GetString(start, "$ref")!), MaxChain]);
            }

            node = _document.Resolve(reference);
        }

        return null;
    }

    private static readonly string MaxChain = SpecBudgets.MaxReferenceChain.ToString(System.Globalization.CultureInfo.InvariantCulture) + " in a row";

    private static string ChainMessage(string reference) => $"The reference '{reference}' leads to a reference to a reference, and so on, too far";

    /// <summary>A reference to another document (a file or a URL): never followed, so that generating reads nothing but the spec.</summary>
    private bool IsExternal(string reference) => _document.LocalReference(reference) is null;

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

            if (seen.Count > SpecBudgets.MaxReferenceChain)
            {
                if (report && _reportedReferences.Add("chain@" + Line(node)))
                {
                    Report(DiagnosticDescriptors.ReferenceTooDeep, SpecDocument.Get(node, "$ref"), ChainMessage(reference), MaxChain);
                }

                return null;
            }

            SpecNode? target = _document.Resolve(reference);
            if (target is null)
            {
                if (report && _reportedReferences.Add(reference + "@" + Line(node)))
                {
                    Report(IsExternal(reference) ? DiagnosticDescriptors.ExternalReference : DiagnosticDescriptors.UnresolvedReference,
                        SpecDocument.Get(node, "$ref"), reference);
                }

                return null;
            }

            node = target;
        }

        return node;
    }

    /// <summary>A node's <c>$ref</c> in its local form (<c>#/…</c>) when it points into the document (also through <c>$self</c>).</summary>
    private string? LocalRef(SpecNode? node) =>
        SpecDocument.GetString(node, "$ref") is { } reference ? _document.LocalReference(reference) ?? reference : null;

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
