using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>Runs the generator in process over in-memory AdditionalFiles, as the compiler would.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) ||
                           Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.Win32.Primitives.dll")
            .Append(typeof(Telnyx.Sip.Runtime.ApiPipeline).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SipSpecPath => Path.Combine(RepoRoot, "specs", "telnyx-sip.yaml");

    public static string SipSpecText => File.ReadAllText(SipSpecPath);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    // The runtime targets net8.0 and the tests compile against net10.0 (as the SDK, we unify silently).
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>Parse options that also check documentation comments, as a project with GenerateDocumentationFile does.</summary>
    public static CSharpParseOptions StrictParseOptions { get; } = ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, Dictionary<string, Dictionary<string, string>>? metadata = null,
        Dictionary<string, string>? globalOptions = null, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new OpenApiClientGenerator().AsSourceGenerator() },
            files,
            parseOptions ?? ParseOptions,
            new OptionsProvider(metadata ?? new(), globalOptions ?? new()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates from one spec text and returns the run result and the compilation with the generated code.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string specText, string path = "/project/specs/telnyx-sip.yaml",
        Dictionary<string, string>? fileMetadata = null, params string[] sources)
    {
        var metadata = new Dictionary<string, Dictionary<string, string>>();
        if (fileMetadata is not null)
        {
            metadata[path] = fileMetadata;
        }

        GeneratorDriver driver = CreateDriver(new[] { new InMemoryAdditionalText(path, specText) }, metadata);
        driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation(sources), out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>
    /// Generates from one spec and compiles the result as strictly as a user's build can: warnings as errors and
    /// documentation comments checked. Returns the generator's diagnostics and the compiler's warnings and errors.
    /// </summary>
    public static (IReadOnlyList<Diagnostic> Generator, IReadOnlyList<Diagnostic> Compiler, Compilation Output) RunStrict(string specText,
        string path = "/project/specs/spec.yaml", Dictionary<string, string>? fileMetadata = null, CancellationToken cancellationToken = default)
    {
        var metadata = new Dictionary<string, Dictionary<string, string>> { [path] = fileMetadata ?? new() { ["OpenApiSpec"] = "true" } };
        GeneratorDriver driver = CreateDriver(new[] { new InMemoryAdditionalText(path, specText) }, metadata, parseOptions: StrictParseOptions);
        CSharpCompilation compilation = CreateCompilation().WithOptions(CreateCompilation().Options.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _, cancellationToken);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var compiler = output.GetDiagnostics(cancellationToken).Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToList();
        return (result.Diagnostics, compiler, output);
    }

    private static string FindRepoRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Telnyx.Sip.Generator.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Telnyx.Sip.Generator.sln) above " + AppContext.BaseDirectory);
    }
}

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class OptionsProvider(Dictionary<string, Dictionary<string, string>> perFile, Dictionary<string, string> global)
    : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(perFile.TryGetValue(textFile.Path, out var values)
            ? values.ToDictionary(pair => "build_metadata.AdditionalFiles." + pair.Key, pair => pair.Value)
            : new());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
