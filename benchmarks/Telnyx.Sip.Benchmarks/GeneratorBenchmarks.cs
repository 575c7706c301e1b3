using Telnyx.Sip.Runtime;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Telnyx.Sip.Generator;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Telnyx.Sip.Benchmarks;

/// <summary>
/// The generator driven in process with CSharpGeneratorDriver, as the compiler and the IDE drive it:
/// a full run on a fresh driver, the run after an unrelated C# edit, the run after a one-line spec edit,
/// and the machine's floor (YamlDotNet scanning the same text to parse events and nothing else).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private string _text = "";
    private string _editedText = "";
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private AdditionalText _spec = null!;

    [Params("sip", "whole")]
    public string Spec { get; set; } = "sip";

    [GlobalSetup]
    public void Setup()
    {
        _text = Spec == "sip" ? Specs.Sip : Specs.Whole;
        int description = _text.IndexOf("description: ", System.StringComparison.Ordinal);
        _editedText = _text.Insert(description + "description: ".Length, "Edited. ");
        _compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("public class UserCode { }", ParseOptions)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class MoreUserCode { public int X => 1; }", ParseOptions));
        _spec = new TextFile("/project/specs/spec.yaml", _text);
        _warmDriver = NewDriver(_spec).RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver(AdditionalText spec) =>
        CSharpGeneratorDriver.Create([new OpenApiClientGenerator().AsSourceGenerator()], [spec], ParseOptions, EmptyOptions.Instance,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    [Benchmark(Description = "full run, fresh driver")]
    public int FullRun() => NewDriver(new TextFile("/project/specs/spec.yaml", _text)).RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "run after an unrelated C# edit")]
    public int UnrelatedEdit() => _warmDriver.RunGenerators(_editedCompilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Description = "run after a one-line spec edit")]
    public int SpecEdit() => _warmDriver.ReplaceAdditionalText(_spec, new TextFile("/project/specs/spec.yaml", _editedText))
        .RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark(Baseline = true, Description = "floor: YamlDotNet parse events only")]
    public int YamlScan()
    {
        int events = 0;
        var parser = new Parser(new StringReader(_text));
        while (parser.MoveNext())
        {
            events++;
        }

        return events;
    }

    private sealed class TextFile(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class EmptyOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly EmptyOptions Instance = new();

        public override AnalyzerConfigOptions GlobalOptions => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.Instance;

        private sealed class Empty : AnalyzerConfigOptions
        {
            public static readonly Empty Instance = new();

            public override bool TryGetValue(string key, out string value)
            {
                value = "";
                return false;
            }
        }
    }
}
