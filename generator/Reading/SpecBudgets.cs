namespace Telnyx.Sip.Generator.Reading;

/// <summary>
/// The limits a spec must keep, so that a hostile document (it runs inside the user's compiler and IDE) cannot hang
/// the build, exhaust its stack or its memory. Each is refused with its own positioned diagnostic; docs/security.md
/// gives the reasons for the values and the test that proves each. The largest published specs we know stay far
/// below every one of them (the whole Telnyx spec: 4.2 MB, no aliases, about 4,000 types).
/// </summary>
internal static class SpecBudgets
{
    /// <summary>The largest spec read, in characters (32 Mi): eight times the whole Telnyx spec, three times GitHub's.</summary>
    public const int MaxDocumentCharacters = 32 * 1024 * 1024;

    /// <summary>Deeper nesting of YAML collections is refused (TSG001), so that building the tree cannot exhaust the stack.</summary>
    public const int MaxDepth = 400;

    /// <summary>
    /// What all the YAML aliases of a document stand for, in nodes, at most: an alias is a reference, but every walk
    /// over the tree sees its target again, so ten anchors of ten aliases each ("billion laughs") would be 10^10 nodes.
    /// </summary>
    public const long MaxAliasNodes = 1_000_000;

    /// <summary>The longest chain of <c>$ref</c>s followed from one place (a reference to a reference to …).</summary>
    public const int MaxReferenceChain = 32;

    /// <summary>How deep schemas may nest through references and <c>allOf</c> while their types are built.</summary>
    public const int MaxSchemaDepth = 256;

    /// <summary>The most types (models, enums, unions, query classes) one spec may generate.</summary>
    public const int MaxTypes = 20_000;

    /// <summary>How many nodes are built between two checks of the cancellation token.</summary>
    public const int CancellationInterval = 4096;
}
