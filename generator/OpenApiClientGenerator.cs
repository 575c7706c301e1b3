using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Emit;
using Telnyx.Sip.Generator.Model;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator;

/// <summary>
/// Generates a typed C# client from each OpenAPI document among the project's AdditionalFiles.
/// This file only wires the pipeline: <see cref="SpecInput"/> chooses the files, <see cref="ApiModelBuilder"/> reads
/// a spec into the model, and <see cref="Emitter"/> writes the code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenApiClientGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpecInput> specs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
                SpecInput.TryCreate(pair.Left, pair.Right.GetOptions(pair.Left), cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.SpecInputs);

        IncrementalValuesProvider<BuildResult> models = specs
            .Select(static (input, cancellationToken) => BuildSafely(input, cancellationToken))
            .WithTrackingName(TrackingNames.ApiModels);

        // Only a bool leaves the compilation, so a C# edit re-runs this step but nothing after it.
        IncrementalValueProvider<bool> hasHttpClientFactory = context.CompilationProvider
            .Select(static (compilation, _) => compilation.ReferencedAssemblyNames.Any(a => a.Name == "Microsoft.Extensions.Http"))
            .WithTrackingName(TrackingNames.Features);

        // The C# version and the missing compiler attributes, selected as small equatable facts before any Combine.
        IncrementalValueProvider<LanguageVersion> languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => CompilerSupport.LanguageVersionOf(options));
        IncrementalValueProvider<(LanguageVersion Version, Polyfills Missing)> compilerSupport = context.CompilationProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => CompilerSupport.FindMissing(pair.Left, pair.Right.GlobalOptions))
            .Combine(languageVersion)
            .Select(static (pair, _) => (pair.Right, pair.Left))
            .WithTrackingName(TrackingNames.CompilerSupport);
        IncrementalValueProvider<bool> hasSpecs = specs.Collect().Select(static (all, _) => all.Length > 0);

        // Once per compilation: a C# too old for the generated code gets one diagnostic instead of the compiler errors
        // every generated file would cause; otherwise the attributes the target framework lacks, once for all clients.
        context.RegisterSourceOutput(hasSpecs.Combine(compilerSupport), static (production, pair) =>
        {
            (bool any, (LanguageVersion version, Polyfills missing)) = pair;
            if (!any)
            {
                return;
            }

            if (version < CompilerSupport.MinimumLanguageVersion)
            {
                production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooOld, Location.None,
                    version.ToDisplayString(), (int)CompilerSupport.MinimumLanguageVersion / 100));
            }
            else if (missing != Polyfills.None)
            {
                GeneratedFile polyfills = CompilerSupport.EmitPolyfills(missing);
                production.AddSource(polyfills.HintName, SourceText.From(polyfills.Text, System.Text.Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(models.Combine(hasHttpClientFactory).Combine(languageVersion), static (production, triple) =>
        {
            var pair = triple.Left;
            BuildResult result = pair.Left;
            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Spec is not { } spec || triple.Right < CompilerSupport.MinimumLanguageVersion)
            {
                return;
            }

            System.Collections.Generic.List<GeneratedFile> files;
            try
            {
                files = new System.Collections.Generic.List<GeneratedFile>(Emitter.Emit(spec, pair.Right, production.CancellationToken));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception exception)
            {
                production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None,
                    spec.ClientName, $"{exception.GetType().Name}: {exception.Message}"));
                return;
            }

            foreach (GeneratedFile file in files)
            {
                production.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>Builds the model; an unexpected exception becomes one diagnostic instead of escaping into the build.</summary>
    private static BuildResult BuildSafely(SpecInput input, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return ApiModelBuilder.Build(input, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id,
                new[] { System.IO.Path.GetFileName(input.Path), $"{exception.GetType().Name}: {exception.Message}" }.ToEquatableArray(),
                input.Path, 1, 1);
            return new BuildResult(null, new[] { diagnostic }.ToEquatableArray());
        }
    }
}
