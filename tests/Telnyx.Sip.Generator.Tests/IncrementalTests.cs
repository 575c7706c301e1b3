using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Telnyx.Sip.Generator.Tests;

public class IncrementalTests
{
    private const string SpecPath = "/project/specs/telnyx-sip.yaml";

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText Spec) FirstRun()
    {
        var spec = new InMemoryAdditionalText(SpecPath, GeneratorHarness.SipSpecText);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { spec });
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("public class UserCode { }");
        return (driver.RunGenerators(compilation), compilation, spec);
    }

    [Fact]
    public void AnUnrelatedCSharpEditLeavesEveryStageCached()
    {
        var (driver, compilation, _) = FirstRun();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("public class AnotherUserClass { public int X => 42; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // CompilerSupport looks at the compilation, so it runs again, but its output (the C# version and the missing
        // attributes) is equal to the last one and nothing after it runs.
        foreach (string stage in new[] { TrackingNames.SpecInputs, TrackingNames.ApiModels, TrackingNames.CompilerSupport })
        {
            IncrementalGeneratorRunStep[] steps = result.TrackedSteps[stage].ToArray();
            Assert.NotEmpty(steps);
            Assert.All(steps.SelectMany(step => step.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Stage {stage} was {output.Reason} after an unrelated edit"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void AnEditToTheSpecChangesTheOutput()
    {
        var (driver, compilation, spec) = FirstRun();
        string before = Source(driver.GetRunResult(), "Telnyx.Sip.CredentialConnection.g.cs");

        string changed = GeneratorHarness.SipSpecText.Replace(
            "A SIP connection whose calls authenticate with a user name and password.",
            "A connection whose calls authenticate with a user name and password.");
        Assert.NotEqual(GeneratorHarness.SipSpecText, changed);
        driver = driver.ReplaceAdditionalText(spec, new InMemoryAdditionalText(SpecPath, changed)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.ApiModels].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        string after = Source(driver.GetRunResult(), "Telnyx.Sip.CredentialConnection.g.cs");
        Assert.NotEqual(before, after);
        Assert.Contains("A connection whose calls authenticate with a user name and password.", after);
    }

    [Fact]
    public void TheModelHoldsNoRoslynObjects()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SyntaxTree) };
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(new[] { typeof(Model.ApiSpec), typeof(Model.BuildResult) });
        while (pending.Count > 0)
        {
            Type type = pending.Pop();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string))
            {
                continue;
            }

            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type));
            foreach (Type argument in type.GetGenericArguments())
            {
                pending.Push(argument);
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Push(field.FieldType);
            }
        }

        Assert.Contains(typeof(Model.OperationSpec), seen);
    }

    private static string Source(GeneratorDriverRunResult result, string hintName) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
