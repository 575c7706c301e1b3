using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Telnyx.Sip.Generator.Tests;

/// <summary>
/// More than a thousand mutated specs through the generator: no exception ever escapes, and every mutation that
/// makes the spec invalid yields at least one error diagnostic.
/// </summary>
public class RobustnessTests(ITestOutputHelper output)
{
    private const int MutationsPerKind = 110;

    private enum Kind
    {
        DeleteLine,
        DeleteBlock,
        WrongType,
        Truncate,
        BreakIndentation,
        HugeName,
        BrokenReference,
        ReferenceCycle,
        Garbage,
        Empty,
    }

    /// <summary>The kinds that always make the spec invalid, and so must produce an error.</summary>
    private static readonly HashSet<Kind> AlwaysInvalid = [Kind.BrokenReference, Kind.ReferenceCycle, Kind.Garbage, Kind.Empty];

    [Fact]
    public void MutatedSpecsNeverBreakTheGeneratorAndInvalidOnesAreReported()
    {
        string spec = GeneratorHarness.SipSpecText;
        string[] lines = spec.Split('\n');
        int componentsLine = Array.IndexOf(lines, "components:");
        Assert.True(componentsLine > 0);
        var random = new Random(5);
        var failures = new List<string>();
        var counts = new Dictionary<string, int>();
        int total = 0, withErrors = 0;

        foreach (Kind kind in Enum.GetValues<Kind>())
        {
            for (int i = 0; i < MutationsPerKind; i++)
            {
                string mutated = Mutate(kind, lines, componentsLine, random);
                total++;
                var metadata = new Dictionary<string, string> { ["OpenApiSpec"] = "true" };
                GeneratorRunResult result = GeneratorHarness.Run(mutated, "/project/specs/mutated.yaml", metadata).Result.Results.Single();
                var errors = result.Diagnostics.Where(d => d.DefaultSeverity == DiagnosticSeverity.Error).ToList();
                foreach (Diagnostic diagnostic in result.Diagnostics)
                {
                    counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
                }

                withErrors += errors.Count > 0 ? 1 : 0;
                if (result.Exception is not null || result.Diagnostics.Any(d => d.Id is "TSG999" or "CS8785"))
                {
                    failures.Add($"{kind} #{i}: {result.Exception?.Message ?? string.Join("; ", result.Diagnostics.Select(d => d.GetMessage()))}");
                }
                else if ((AlwaysInvalid.Contains(kind) || !IsYaml(mutated)) && errors.Count == 0)
                {
                    failures.Add($"{kind} #{i}: an invalid spec produced no error");
                }
                else if (errors.Any(e => e.Location.GetLineSpan().Path != "/project/specs/mutated.yaml"))
                {
                    failures.Add($"{kind} #{i}: an error without the spec's location");
                }
            }
        }

        output.WriteLine($"{total} mutated specs, {withErrors} with errors; diagnostics: " +
                         string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} x{c.Value}")));
        Assert.True(total >= 1000, $"only {total} mutations");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(20)));
    }

    private enum Channel
    {
        Text,
        Name,
        Schema,
        Path,
    }

    /// <summary>
    /// The invariant (docs/security.md): when the generator reports no error, what it emits compiles with zero errors
    /// and zero warnings, documentation comments included. Each mutated spec puts hostile text (every line break,
    /// comment and XML specials, quotes, escapes, control characters) or a clashing name (C# keywords, System, Task,
    /// the namespace, the client, the runtime's types, every member the runtime's base classes and generated types
    /// declare) into a dozen string channels at once: titles, descriptions, summaries, examples, defaults, patterns,
    /// formats, server URLs, x-env values, operationIds, tags, enum values, property, schema, parameter and scheme
    /// names, and paths.
    /// </summary>
    [Fact]
    public void MutatedSpecsWithoutAnErrorCompileWithZeroWarnings()
    {
        const int MutationsPerKind = 24;
        var runtime = typeof(Telnyx.Sip.Runtime.ApiPipeline).Assembly;
        string[] clashes = new[]
            {
                "class", "namespace", "string", "object", "default", "event", "params", "return", "this", "base", "value", "var",
                "System", "Task", "Telnyx", "Sip", "TelnyxSipClient", "Pipeline", "Authentication", "SecretMembers", "options",
                "cancellationToken", "body", "parameters", "request", "writer", "reader", "index", "_pipeline", "s_info", "Empty", "Item",
            }
            .Concat(runtime.GetExportedTypes().Select(t => t.Name.Split('`')[0]))
            .Concat(typeof(Telnyx.Sip.Runtime.GeneratedModel).GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static).Select(m => m.Name).Where(n => !n.Contains('.') && !n.StartsWith("get_") && !n.StartsWith("set_") && !n.StartsWith("<")))
            .Concat(Model.Naming.ReservedMemberNames)
            .Distinct().Order().ToArray();
        string[] hostile = HostileSpecTests.HostileTexts.Where(t => !t.Any(char.IsSurrogate)).ToArray();
        var random = new Random(16);
        var failures = new List<string>();
        int clean = 0, refused = 0;
        foreach (bool names in new[] { false, true })
        {
            for (int i = 0; i < MutationsPerKind; i++)
            {
                string mutated = MutateChannels(GeneratorHarness.SipSpecText, random, names ? clashes : hostile, edits: 12);
                var run = GeneratorHarness.RunStrict(mutated, "/project/specs/telnyx-sip.yaml", new() { ["OpenApiSpec"] = "true" });
                string kind = names ? "names" : "text";
                if (run.Generator.Any(d => d.Id is "TSG999" or "CS8785"))
                {
                    failures.Add($"{kind} #{i}: {string.Join("; ", run.Generator.Where(d => d.Id is "TSG999" or "CS8785"))}");
                }
                else if (run.Generator.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error))
                {
                    refused++;
                }
                else if (run.Compiler.Count > 0)
                {
                    failures.Add($"{kind} #{i}: no TSG error, yet {run.Compiler.Count} compiler diagnostics: " + string.Join(" | ", run.Compiler.Take(3)));
                }
                else
                {
                    clean++;
                }
            }
        }

        output.WriteLine($"{clean} mutated specs generated without an error and compiled cleanly; {refused} refused with a TSG error");
        Assert.True(failures.Count == 0, $"{failures.Count} failures of the invariant:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(clean >= MutationsPerKind, $"only {clean} mutated specs got past the generator: the mutations test too little");
    }

    /// <summary>Replaces <paramref name="edits"/> spec strings, chosen among every channel, with values from <paramref name="values"/>.</summary>
    private static string MutateChannels(string spec, Random random, string[] values, int edits)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(spec));
        var root = stream.Documents[0].RootNode;
        var targets = new List<(YamlDotNet.RepresentationModel.YamlScalarNode Node, Channel Channel)>();
        var references = new List<YamlDotNet.RepresentationModel.YamlScalarNode>();
        string[] textKeys = ["title", "description", "summary", "example", "default", "pattern", "format", "url", "x-env", "operationId", "name", "version", "propertyName"];
        Collect(root, "", "");
        for (int i = 0; i < edits && targets.Count > 0; i++)
        {
            var (node, channel) = targets[random.Next(targets.Count)];
            string value = values[random.Next(values.Length)];
            switch (channel)
            {
                case Channel.Path:
                    node.Value = "/" + value + node.Value;
                    break;
                case Channel.Schema:
                    string old = "#/components/schemas/" + node.Value;
                    string renamed = "#/components/schemas/" + Uri.EscapeDataString(value.Replace("~", "~0").Replace("/", "~1"));
                    foreach (var reference in references.Where(r => r.Value == old))
                    {
                        reference.Value = renamed;
                    }

                    node.Value = value;
                    break;
                default:
                    node.Value = value;
                    break;
            }
        }

        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();

        void Collect(YamlDotNet.RepresentationModel.YamlNode node, string key, string parentKey)
        {
            switch (node)
            {
                case YamlDotNet.RepresentationModel.YamlMappingNode map:
                    foreach (var (k, v) in map.Children)
                    {
                        if (k is YamlDotNet.RepresentationModel.YamlScalarNode name)
                        {
                            if (key is "properties" or "securitySchemes" || (key == "schemas" && parentKey == "components"))
                            {
                                targets.Add((name, key == "schemas" ? Channel.Schema : Channel.Name));
                            }
                            else if (key == "paths")
                            {
                                targets.Add((name, Channel.Path));
                            }

                            if (name.Value == "$ref" && v is YamlDotNet.RepresentationModel.YamlScalarNode reference)
                            {
                                references.Add(reference);
                                continue;
                            }

                            Collect(v, name.Value!, key);
                        }
                    }

                    break;
                case YamlDotNet.RepresentationModel.YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        if (key is "enum" or "tags" && child is YamlDotNet.RepresentationModel.YamlScalarNode item)
                        {
                            targets.Add((item, Channel.Text));
                        }
                        else
                        {
                            Collect(child, key, parentKey);
                        }
                    }

                    break;
                case YamlDotNet.RepresentationModel.YamlScalarNode scalar when textKeys.Contains(key) && parentKey != "properties":
                    targets.Add((scalar, Channel.Text));
                    break;
            }
        }
    }

    private static bool IsYaml(string text)
    {
        try
        {
            new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(text));
            return text.Trim().Length > 0;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static string Mutate(Kind kind, string[] lines, int componentsLine, Random random)
    {
        var copy = lines.ToList();
        int at = random.Next(1, copy.Count - 1);
        switch (kind)
        {
            case Kind.DeleteLine:
                copy.RemoveAt(at);
                break;
            case Kind.DeleteBlock:
                int indent = Indent(copy[at]);
                int end = at + 1;
                while (end < copy.Count && (copy[end].Trim().Length == 0 || Indent(copy[end]) > indent))
                {
                    end++;
                }

                copy.RemoveRange(at, end - at);
                break;
            case Kind.WrongType:
                int colon = copy[at].IndexOf(": ", StringComparison.Ordinal);
                string[] values = ["[1, 2]", "{a: 1}", "42", "true", "null", "''", "[[]]", "{type: [object, 7]}"];
                copy[at] = colon > 0 ? copy[at][..(colon + 2)] + values[random.Next(values.Length)] : copy[at] + " [oops";
                break;
            case Kind.Truncate:
                return string.Join("\n", copy.Take(at)) + "\n" + copy[at][..random.Next(copy[at].Length + 1)];
            case Kind.BreakIndentation:
                copy[at] = (random.Next(2) == 0 ? "\t" : " ") + copy[at];
                break;
            case Kind.HugeName:
                int keyColon = copy[at].IndexOf(':');
                string name = new string('n', 300 + random.Next(5000)) + random.Next();
                copy[at] = keyColon > 0 ? new string(' ', Indent(copy[at])) + name + copy[at][keyColon..] : copy[at];
                break;
            case Kind.BrokenReference:
                // A reference inside the paths, so that an operation reaches it.
                int[] references = Enumerable.Range(0, componentsLine).Where(i => copy[i].Contains("$ref: '#/components/", StringComparison.Ordinal)).ToArray();
                int line = references[random.Next(references.Length)];
                copy[line] = copy[line].Replace("$ref: '#/components/", "$ref: '#/components/missing_" + random.Next(1000) + "/", StringComparison.Ordinal);
                break;
            case Kind.ReferenceCycle:
                string[] used = ["CredentialConnection", "FqdnConnection", "IpConnection", "Fqdn", "Ip", "OutboundVoiceProfile", "PaginationMeta", "RegistrationStatus"];
                string target = used[random.Next(used.Length)];
                int definition = copy.IndexOf("    " + target + ":");
                copy.Insert(definition + 1, $"      $ref: '#/components/schemas/{target}'");
                // Only the reference remains: drop the schema's own members.
                int next = definition + 2;
                while (next < copy.Count && Indent(copy[next]) > 4)
                {
                    copy.RemoveAt(next);
                }

                break;
            case Kind.Garbage:
                var bytes = new byte[random.Next(1, 4000)];
                random.NextBytes(bytes);
                return "\u0000" + Encoding.Latin1.GetString(bytes);
            case Kind.Empty:
                return random.Next(3) switch { 0 => "", 1 => "   \n\n", _ => "# only a comment\n" };
        }

        return string.Join("\n", copy);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
