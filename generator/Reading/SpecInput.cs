using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Telnyx.Sip.Generator.Reading;

/// <summary>A spec file chosen from the AdditionalFiles, with its text and the options that apply to it.</summary>
internal sealed record SpecInput(string Path, string Text, string? Namespace, string? ClientName, bool ExplicitlyIncluded)
{
    /// <summary>Only operations with one of these tags (comma-separated; see <see cref="MetadataList"/>), when set.</summary>
    public string? IncludeTags { get; init; }

    /// <summary>Only operations whose path starts with one of these prefixes (comma-separated; see <see cref="MetadataList"/>), when set.</summary>
    public string? IncludePaths { get; init; }

    /// <summary>The environment variable webhook keys come from (<c>OpenApiWebhookKeyEnv</c>); wins over the spec's <c>x-env</c>.</summary>
    public string? WebhookKeyVariable { get; init; }

    /// <summary>
    /// Returns the input for <paramref name="file"/>, or null when it is not a spec: a file is a spec when its
    /// <c>OpenApiSpec</c> metadata is <c>true</c>, or when that metadata is absent and it is a .yaml, .yml or .json
    /// file with a top-level <c>openapi</c> key (or a <c>swagger</c> key, which the model builder reports).
    /// </summary>
    public static SpecInput? TryCreate(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        string? flag = Metadata(options, "OpenApiSpec");
        bool explicitlyIncluded = string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
        if (string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!explicitlyIncluded && !HasSpecExtension(file.Path))
        {
            return null;
        }

        string text = file.GetText(cancellationToken)?.ToString() ?? "";
        if (!explicitlyIncluded && SpecDetection.Detect(text) == SpecKind.None)
        {
            return null;
        }

        return new SpecInput(file.Path, text, Metadata(options, "OpenApiNamespace"), Metadata(options, "OpenApiClientName"), explicitlyIncluded)
        {
            IncludeTags = Metadata(options, "OpenApiIncludeTags"),
            IncludePaths = Metadata(options, "OpenApiIncludePaths"),
            WebhookKeyVariable = Metadata(options, "OpenApiWebhookKeyEnv") is { } variable && System.Linq.Enumerable.All(variable, c => char.IsLetterOrDigit(c) || c == '_') ? variable : null,
        };
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_metadata.AdditionalFiles." + name, out string? value) ? NullIfEmpty(value) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static bool HasSpecExtension(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ||
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
