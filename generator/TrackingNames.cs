namespace Telnyx.Sip.Generator;

/// <summary>The names of the pipeline stages, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>The spec files chosen from the AdditionalFiles, with their text and options.</summary>
    public const string SpecInputs = nameof(SpecInputs);

    /// <summary>The model built from each spec, with its diagnostics.</summary>
    public const string ApiModels = nameof(ApiModels);

    /// <summary>What the compilation offers the generated code, such as IHttpClientFactory.</summary>
    public const string Features = nameof(Features);

    /// <summary>The consumer's C# version, and the compiler attributes its target framework lacks.</summary>
    public const string CompilerSupport = nameof(CompilerSupport);
}
